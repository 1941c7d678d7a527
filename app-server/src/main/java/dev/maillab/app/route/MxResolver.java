package dev.maillab.app.route;

import dev.maillab.net.ServerAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds where mail for a domain goes, the way an MTA does: the domain's MX records in order of preference, each
 * target's A records through the same DNS server, and only when the MX lookup fails, the configured fallback host.
 */
public class MxResolver {

    private static final Logger log = LoggerFactory.getLogger(MxResolver.class);

    private static final int DNS_PORT = 53;

    private final ServerAddress dnsServer;
    private final Duration timeout;
    private final int smtpPort;
    private final ServerAddress fallbackHost;

    /**
     * @param dnsServer    the DNS server asked (port 53 unless named); null = the system resolver (/etc/resolv.conf)
     * @param smtpPort     the port of every host found, and of the fallback host unless it names one
     * @param fallbackHost name or address, used when the MX lookup fails; null = none
     */
    public MxResolver(ServerAddress dnsServer, Duration timeout, int smtpPort, ServerAddress fallbackHost) {
        this.dnsServer = dnsServer;
        this.timeout = timeout;
        this.smtpPort = smtpPort;
        this.fallbackHost = fallbackHost;
    }

    /**
     * Where mail for a domain goes and how that was found.
     *
     * @param hosts   the hosts to try, best first; never empty
     * @param lookups the DNS lookups made for it, in order
     * @param summary the same for the log, with the reasons of failed lookups: "MX example.local: 10
     *                mail.example.local; A mail.example.local: 127.0.0.1"
     */
    public record Route(List<MailHost> hosts, List<DnsLookup> lookups, String summary) {}

    /** The hosts to try, best first; never empty. */
    public List<MailHost> route(String domain) {
        return resolve(domain).hosts();
    }

    /** @throws NoRouteException with the lookups made, when no host can be found */
    public Route resolve(String domain) {
        Resolver resolver = resolver();
        Name name = absolute(domain);
        List<DnsLookup> made = new ArrayList<>();
        Answer mx = ask(name, Type.MX, resolver, made);
        if (mx.found()) {
            List<MXRecord> sorted = Arrays.stream(mx.records())
                    .filter(MXRecord.class::isInstance)
                    .map(MXRecord.class::cast)
                    .sorted(Comparator.comparingInt(MXRecord::getPriority))
                    .toList();
            List<MailHost> hosts = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<String> summary = new ArrayList<>();
            summary.add("MX " + domain + ": "
                    + String.join(
                            ", ",
                            sorted.stream()
                                    .map(r -> r.getPriority() + " "
                                            + r.getTarget().toString(true))
                                    .toList()));
            for (MXRecord r : sorted) {
                String target = r.getTarget().toString(true);
                String via = "MX " + r.getPriority() + " of " + domain;
                Answer a = ask(r.getTarget(), Type.A, resolver, made);
                if (!a.found()) {
                    problems.add(target + ": A lookup failed: " + a.error());
                    summary.add("A " + target + ": " + a.error());
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                for (Record ar : a.records()) {
                    if (ar instanceof ARecord arec) {
                        hosts.add(new MailHost(target, arec.getAddress(), smtpPort, via));
                        addresses.add(arec.getAddress().getHostAddress());
                    }
                }
                summary.add("A " + target + ": " + String.join(", ", addresses));
            }
            if (!hosts.isEmpty()) {
                log.debug("route for {}: {}", domain, hosts);
                return new Route(hosts, made, String.join("; ", summary));
            }
            throw new NoRouteException(
                    "no address for any MX host of " + domain + " via " + describe() + ": "
                            + String.join("; ", problems),
                    made);
        }
        String reason = "MX lookup of " + domain + " via " + describe() + " failed: " + mx.error();
        if (fallbackHost == null) {
            throw new NoRouteException(reason + " (no fallback host configured)", made);
        }
        log.info("{}; using fallback host {}", reason, fallbackHost);
        MailHost host = fallback(resolver, reason, made);
        return new Route(
                List.of(host),
                made,
                "MX " + domain + ": " + mx.error() + "; fallback " + host.name() + ": "
                        + host.address().getHostAddress());
    }

    private MailHost fallback(Resolver resolver, String reason, List<DnsLookup> made) {
        String host = fallbackHost.host();
        int port = fallbackHost.portOr(smtpPort);
        String via = "fallback host (" + reason + ")";
        if (isLiteral(host)) {
            try {
                return new MailHost(host, InetAddress.getByName(host), port, via);
            } catch (UnknownHostException e) {
                throw new NoRouteException(reason + "; fallback host " + host + " is not a valid address", made);
            }
        }
        Answer a = ask(absolute(host), Type.A, resolver, made);
        if (a.found()) {
            for (Record r : a.records()) {
                if (r instanceof ARecord arec) {
                    return new MailHost(host, arec.getAddress(), port, via);
                }
            }
        }
        try {
            // names such as "localhost" live in /etc/hosts, not in DNS
            return new MailHost(host, InetAddress.getByName(host), port, via);
        } catch (UnknownHostException e) {
            throw new NoRouteException(reason + "; fallback host " + host + " not found either", made);
        }
    }

    /** What one lookup found: its records when it succeeded, else why not. */
    private record Answer(Record[] records, String error) {
        boolean found() {
            return records != null;
        }
    }

    /** Asks once (no cache) and notes the question and its answers in {@code made}. */
    private static Answer ask(Name name, int type, Resolver resolver, List<DnsLookup> made) {
        Lookup l = lookup(name, type, resolver);
        Record[] records = l.run();
        boolean found = l.getResult() == Lookup.SUCCESSFUL && records != null;
        List<String> answers = new ArrayList<>();
        if (found) {
            for (Record r : records) {
                if (r.getType() == type) {
                    answers.add(r.rdataToString());
                }
            }
        }
        made.add(new DnsLookup(name.toString(), Type.string(type), answers));
        return new Answer(found ? records : null, found ? null : l.getErrorString());
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private Resolver resolver() {
        Resolver r;
        if (dnsServer == null) {
            r = new ExtendedResolver();
        } else {
            r = new SimpleResolver(dnsServer.socketAddress(DNS_PORT));
        }
        r.setTimeout(timeout);
        return r;
    }

    private static Lookup lookup(Name name, int type, Resolver resolver) {
        Lookup l = new Lookup(name, type);
        l.setResolver(resolver);
        l.setCache(null); // a fresh answer every time: the lab's zones change while it runs
        return l;
    }

    private static Name absolute(String domain) {
        try {
            return Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            throw new NoRouteException("not a domain name: " + domain);
        }
    }

    private String describe() {
        return dnsServer == null ? "the system resolver" : dnsServer.toString();
    }
}
