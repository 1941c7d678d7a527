package dev.maillab.client.dns;

import dev.maillab.net.ServerAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves the POP3 host the way the lab's clients do: an A lookup through the given DNS server (dnsjava), or the
 * system's resolv.conf servers when none is given. Names DNS does not know (localhost) fall back to the JVM.
 */
public class HostResolver {

    /** Where a name resolved to, and how, for the transcript. */
    public record Resolved(InetAddress address, String how) {}

    private static final int DNS_PORT = 53;

    private final ServerAddress dnsServer;
    private final Duration timeout;

    /** @param dnsServer the DNS server asked (port 53 unless named), or null for the system resolver */
    public HostResolver(ServerAddress dnsServer, Duration timeout) {
        this.dnsServer = dnsServer;
        this.timeout = timeout;
    }

    public Resolved resolve(String host) throws UnknownHostException {
        if (isLiteral(host)) {
            return new Resolved(InetAddress.getByName(host), "address literal");
        }
        String dnsProblem;
        try {
            Lookup lookup = new Lookup(Name.fromString(host.endsWith(".") ? host : host + "."), Type.A);
            lookup.setResolver(resolver());
            lookup.setCache(null);
            Record[] records = lookup.run();
            if (lookup.getResult() == Lookup.SUCCESSFUL && records != null) {
                for (Record r : records) {
                    if (r instanceof ARecord a) {
                        return new Resolved(a.getAddress(), "A record via " + describe());
                    }
                }
            }
            dnsProblem = lookup.getErrorString();
        } catch (TextParseException e) {
            throw new UnknownHostException("not a host name: " + host);
        }
        try {
            return new Resolved(
                    InetAddress.getByName(host), "system host lookup (DNS via " + describe() + ": " + dnsProblem + ")");
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve " + host + " via " + describe() + ": " + dnsProblem);
        }
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

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private String describe() {
        return dnsServer == null ? "the system resolver" : dnsServer.toString();
    }
}
