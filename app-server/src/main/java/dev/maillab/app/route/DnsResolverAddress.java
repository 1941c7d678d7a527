package dev.maillab.app.route;

import java.net.InetSocketAddress;

/**
 * Parses the {@code host:port} form used for a DNS server or a fallback host ({@code [v6]:port} and a bare host with
 * the default port, too). The result is unresolved: resolving is the caller's business.
 */
public final class DnsResolverAddress {

    private DnsResolverAddress() {}

    public static InetSocketAddress parse(String text, int defaultPort) {
        String s = text.trim();
        String host = s;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("bad address: " + text);
            }
            host = s.substring(1, end);
            if (s.length() > end + 1) {
                if (s.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("bad address: " + text);
                }
                port = Integer.parseInt(s.substring(end + 2));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = Integer.parseInt(s.substring(s.indexOf(':') + 1));
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad address: " + text);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
