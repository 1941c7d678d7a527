package dev.maillab.client.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    private final String resolverSpec;
    private final Duration timeout;

    /** @param resolverSpec {@code host:port} of a DNS server, or null/empty for the system resolver */
    public HostResolver(String resolverSpec, Duration timeout) {
        this.resolverSpec = resolverSpec == null ? "" : resolverSpec.trim();
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
        if (resolverSpec.isEmpty()) {
            r = new ExtendedResolver();
        } else {
            r = new SimpleResolver(parse(resolverSpec));
        }
        r.setTimeout(timeout);
        return r;
    }

    /** {@code host:port}, {@code [v6]:port} or a bare host (port 53). */
    static InetSocketAddress parse(String spec) {
        String host = spec;
        int port = 53;
        if (spec.startsWith("[")) {
            int end = spec.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("bad resolver address: " + spec);
            }
            host = spec.substring(1, end);
            if (spec.length() > end + 2 && spec.charAt(end + 1) == ':') {
                port = Integer.parseInt(spec.substring(end + 2));
            }
        } else if (spec.indexOf(':') > 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
            host = spec.substring(0, spec.indexOf(':'));
            port = Integer.parseInt(spec.substring(spec.indexOf(':') + 1));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad resolver port: " + spec);
        }
        return new InetSocketAddress(host, port);
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private String describe() {
        return resolverSpec.isEmpty() ? "the system resolver" : resolverSpec;
    }
}
