package dev.maillab.dns.fault;

import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * One fault rule: which queries it matches (name, type, transport), what it does to them, and how often.
 *
 * @param id          {@code file-<line>} for a rule of the rules file, {@code http-<n>} for one added over HTTP
 * @param source      {@code file} or {@code http}
 * @param name        as written: an exact name ({@code mail.example.local}), a wildcard suffix
 *                    ({@code *.example.local}: every name below it, not itself), or {@code *} (every name)
 * @param type        the question type matched; {@link Type#ANY} matches every type
 * @param action      what happens to a matching query
 * @param probability the chance a matching query is faulted, 0 to 1
 * @param transport   the transports it applies to
 */
public record FaultRule(
        String id, String source, String name, int type, FaultAction action, double probability, Transport transport) {

    /** Which transports a rule applies to. */
    public enum Transport {
        UDP,
        TCP,
        BOTH;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FaultRule {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability " + probability + " is not between 0 and 1");
        }
        name = normalized(name);
    }

    /**
     * Parses a rule from its parts as written (the rules file's tokens, the HTTP API's JSON fields).
     *
     * @param type        a type name ({@code A}, {@code MX}, {@code ANY}); null or blank = every type
     * @param probability null = 1
     * @param transport   {@code udp}, {@code tcp}, {@code both}; null = both
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static FaultRule of(
            String id,
            String source,
            String name,
            String type,
            String action,
            Double probability,
            String transport,
            java.time.Duration maxDelay) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name (exact, *.suffix or *)");
        }
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("a rule needs an action (servfail, nxdomain, refused, drop, delay=2s)");
        }
        return new FaultRule(
                id,
                source,
                name,
                type(type),
                FaultAction.parse(action, maxDelay),
                probability == null ? 1 : probability,
                transport(transport));
    }

    static int type(String written) {
        if (written == null || written.isBlank()) {
            return Type.ANY;
        }
        int type = Type.value(written.strip().toUpperCase(Locale.ROOT));
        if (type < 0 || written.strip().matches("\\d+")) {
            throw new IllegalArgumentException("type '" + written + "' is not a DNS type (A, MX, PTR, TXT, ANY ...)");
        }
        return type;
    }

    static Transport transport(String written) {
        if (written == null || written.isBlank()) {
            return Transport.BOTH;
        }
        for (Transport t : Transport.values()) {
            if (t.word().equals(written.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport '" + written + "' is not udp, tcp or both");
    }

    private static String normalized(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("*") || n.equals("*.")) {
            return "*";
        }
        String body = n.startsWith("*.") ? n.substring(2) : n;
        if (body.isEmpty() || body.contains("*") || body.contains(" ") || body.startsWith(".") || body.contains("..")) {
            throw new IllegalArgumentException(
                    "name '" + name + "' is not a domain name, *.suffix or * (a * only as the first label)");
        }
        return n.endsWith(".") ? n : n + ".";
    }

    /**
     * @param lowerName the question's name, lower case, absolute (trailing dot)
     * @param udp       true over UDP, false over TCP
     */
    boolean matches(String lowerName, int qtype, boolean udp) {
        if (type != Type.ANY && type != qtype) {
            return false;
        }
        if (transport != Transport.BOTH && (transport == Transport.UDP) != udp) {
            return false;
        }
        if (name.equals("*")) {
            return true;
        }
        if (name.startsWith("*.")) {
            String suffix = name.substring(1); // ".example.local."
            return lowerName.length() > suffix.length() && lowerName.endsWith(suffix);
        }
        return lowerName.equals(name);
    }

    /** {@code http-1 delay=2000ms}: the rule and its action, as the query log and the dns.query event name them. */
    public String label() {
        return id + " " + action;
    }

    /** As a line of the rules file would write it. */
    public String text() {
        StringBuilder s = new StringBuilder(name);
        if (type != Type.ANY) {
            s.append(' ').append(Type.string(type));
        }
        s.append(' ').append(action);
        if (probability < 1) {
            s.append(" p=").append(probability);
        }
        if (transport != Transport.BOTH) {
            s.append(' ').append(transport.word());
        }
        return s.toString();
    }
}
