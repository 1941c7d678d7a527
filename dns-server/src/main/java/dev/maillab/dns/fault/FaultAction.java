package dev.maillab.dns.fault;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule does to a matching query: answer an error rcode instead of the real answer, send nothing at all (the
 * client times out), or send the real answer after a delay.
 *
 * @param kind  the action
 * @param delay how late the answer goes out, for {@link Kind#DELAY}; zero otherwise
 */
public record FaultAction(Kind kind, Duration delay) {

    /** The actions, by the word the rules file and the HTTP API write. */
    public enum Kind {
        SERVFAIL,
        NXDOMAIN,
        REFUSED,
        DROP,
        DELAY;

        private final String word = name().toLowerCase(Locale.ROOT);

        public String word() {
            return word;
        }
    }

    private static final Pattern DELAY = Pattern.compile("delay=(\\d{1,9})(ms|s|m)");

    /**
     * {@code servfail}, {@code nxdomain}, {@code refused}, {@code drop} or {@code delay=<n>ms|s|m}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static FaultAction parse(String written, Duration maxDelay) {
        String text = written.strip().toLowerCase(Locale.ROOT);
        for (Kind kind : Kind.values()) {
            if (kind != Kind.DELAY && kind.word.equals(text)) {
                return new FaultAction(kind, Duration.ZERO);
            }
        }
        Matcher m = DELAY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("action '" + written
                    + "' is not servfail, nxdomain, refused, drop or delay=<n>ms|s|m (e.g. delay=2s)");
        }
        long amount = Long.parseLong(m.group(1));
        Duration delay = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (delay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("delay " + m.group(1) + m.group(2)
                    + " is longer than maillab.dns.faults.max-delay (" + maxDelay.toMillis() + "ms)");
        }
        return new FaultAction(Kind.DELAY, delay);
    }

    /** As written: {@code servfail}, {@code delay=1500ms}. */
    @Override
    public String toString() {
        return kind == Kind.DELAY ? "delay=" + delay.toMillis() + "ms" : kind.word;
    }
}
