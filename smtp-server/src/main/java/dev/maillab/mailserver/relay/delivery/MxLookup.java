package dev.maillab.mailserver.relay.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Where mail for a domain goes (RFC 5321 5.1): its MX hosts by preference, lowest first, hosts of equal preference
 * in a random order (so they share the load, as section 5.1 asks), each host's A records in turn; without MX records the domain's own A record is the implicit
 * MX; a null MX (RFC 7505) or a domain that does not exist is a permanent failure, a DNS server that does not
 * answer a temporary one. Asked of one DNS server, without a cache, so the lab's dns-server sees every lookup.
 */
public final class MxLookup {

    private final Resolver resolver;
    private final Random shuffle;

    /** @param resolver the lab's DNS server; null: {@link #withoutLabDns()} */
    public MxLookup(Resolver resolver) {
        this(resolver, new Random());
    }

    /** @param shuffle orders the hosts of equal preference (a test gives a seeded one) */
    public MxLookup(Resolver resolver, Random shuffle) {
        this.resolver = resolver;
        this.shuffle = shuffle;
    }

    /**
     * @param server {@code host:port} of the lab's DNS server. Never the system's resolver: a relay that asked it could
     *               find (and reach) a server outside the lab
     */
    public static MxLookup of(InetSocketAddress server, Duration timeout) {
        if (server == null) {
            throw new IllegalArgumentException("the relay looks up MX records only at the lab's DNS server");
        }
        SimpleResolver simple = new SimpleResolver(server);
        simple.setTimeout(timeout);
        return new MxLookup(simple);
    }

    /** The outcome of a lookup: hosts to try in order, or why there are none. */
    public sealed interface Route permits Hosts, Failure {}

    public record Hosts(List<MailHost> hosts) implements Route {}

    /** @param permanent a bounce (the domain cannot receive mail) rather than a later retry */
    public record Failure(boolean permanent, String dsn, String text) implements Route {}

    /**
     * Without the lab's DNS server (maillab.smtp.resolver unset): every route waits, nothing is asked of any other
     * resolver. The intake relays nothing then; this is for what a queue still held from before.
     */
    public static MxLookup withoutLabDns() {
        return new MxLookup(null);
    }

    public Route route(String domain) {
        if (resolver == null) {
            return new Failure(false, "4.4.3", "no lab DNS server to look up " + domain + " (maillab.smtp.resolver)");
        }
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return new Failure(true, "5.1.2", "bad destination domain " + domain);
        }
        Lookup mx = lookup(name, Type.MX);
        Record[] answers = mx.run();
        switch (mx.getResult()) {
            case Lookup.SUCCESSFUL -> {
                return viaMx(domain, answers);
            }
            case Lookup.TYPE_NOT_FOUND -> {
                List<MailHost> hosts = new ArrayList<>();
                Failure failure = addresses(domain, name, 0, hosts);
                return hosts.isEmpty() ? failure : new Hosts(hosts);
            }
            case Lookup.HOST_NOT_FOUND -> {
                return notFound(domain, "MX", true);
            }
            default -> {
                return notFound(domain, "MX", false);
            }
        }
    }

    private Route viaMx(String domain, Record[] answers) {
        List<MXRecord> records = new ArrayList<>();
        for (Record r : answers) {
            if (r instanceof MXRecord m) {
                records.add(m);
            }
        }
        if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
            return new Failure(true, "5.1.10", "domain " + domain + " does not accept mail (nullMX)");
        }
        List<MailHost> hosts = new ArrayList<>();
        Failure last = null;
        for (MXRecord record : byPreference(records)) {
            if (!record.getTarget().equals(Name.root)) {
                Failure failure =
                        addresses(record.getTarget().toString(true), record.getTarget(), record.getPriority(), hosts);
                last = failure != null ? failure : last;
            }
        }
        if (hosts.isEmpty()) {
            // the MX hosts may come back; a domain that has MX records wants mail, so this is not final
            return new Failure(
                    false,
                    "4.4.3",
                    "no address for the MX hosts of " + domain + (last == null ? "" : ": " + last.text()));
        }
        return new Hosts(hosts);
    }

    /** Lowest preference first; each run of equal preferences shuffled. */
    private List<MXRecord> byPreference(List<MXRecord> records) {
        List<MXRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(MXRecord::getPriority));
        List<MXRecord> ordered = new ArrayList<>(sorted.size());
        for (int from = 0; from < sorted.size(); ) {
            int to = from + 1;
            while (to < sorted.size()
                    && sorted.get(to).getPriority() == sorted.get(from).getPriority()) {
                to++;
            }
            List<MXRecord> equal = new ArrayList<>(sorted.subList(from, to));
            Collections.shuffle(equal, shuffle);
            ordered.addAll(equal);
            from = to;
        }
        return ordered;
    }

    /** Adds the A records of {@code name} to {@code hosts}; returns why there are none (null when there are). */
    private Failure addresses(String hostName, Name name, int preference, List<MailHost> hosts) {
        Lookup a = lookup(name, Type.A);
        Record[] answers = a.run();
        int result = a.getResult();
        if (result == Lookup.SUCCESSFUL) {
            for (Record r : answers) {
                if (r instanceof ARecord record) {
                    try {
                        hosts.add(new MailHost(
                                hostName,
                                InetAddress.getByAddress(
                                        hostName, record.getAddress().getAddress()),
                                preference));
                    } catch (UnknownHostException impossible) {
                        // four octets are always an address
                    }
                }
            }
            return null;
        }
        return notFound(hostName, "A", result == Lookup.HOST_NOT_FOUND || result == Lookup.TYPE_NOT_FOUND);
    }

    private static Failure notFound(String name, String type, boolean permanent) {
        // Postfix's words, so the log reads as its does
        return permanent
                ? new Failure(
                        true,
                        "5.4.4",
                        "Host or domain name not found. Name service error for name=" + name + " type=" + type
                                + ": Host not found")
                : new Failure(
                        false,
                        "4.4.3",
                        "Host or domain name not found. Name service error for name=" + name + " type=" + type
                                + ": Host not found, try again");
    }

    private Lookup lookup(Name name, int type) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        // only the configured server counts: the hosts file would answer for names the lab's zones do not have
        lookup.setHostsFileParser(null);
        return lookup;
    }
}
