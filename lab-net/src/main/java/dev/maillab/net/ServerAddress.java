package dev.maillab.net;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A server as a setting names it: {@code host[:port]}, an IPv6 address in brackets when a port follows
 * ({@code [::1]:5353}). This is the syntax of dnsjava's own {@code dns.server} property, read the way dnsjava reads
 * it: as the authority of a URI, so the JDK's parser decides what is a host and what a port. The host stays as
 * written (resolving it is the caller's business); port 0 means the text named none and the use decides (53 for a
 * DNS server, the SMTP port for a mail host).
 *
 * <p>The one syntax of every such setting: app-server's {@code maillab.app.resolver} and {@code fallback-host},
 * smtp-server's {@code maillab.smtp.resolver}, the checker's {@code --resolver}. A setting of this type needs no
 * converter of its own: Spring's conversion service calls {@link #valueOf} by convention, and picocli takes
 * {@code ServerAddress::valueOf} as a converter.
 *
 * @param host a name or an address literal (IPv6 without brackets)
 * @param port 1..65535, or 0 when the text named none
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a server address needs a host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
    }

    /**
     * {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address. Blank text is no server (null),
     * the way a setting left empty means "none" or "the system's".
     *
     * @throws IllegalArgumentException when the text is not of that form or the port is not in 1..65535
     */
    public static ServerAddress valueOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String authority = text.strip();
        if (authority.indexOf(':') != authority.lastIndexOf(':') && !authority.startsWith("[")) {
            authority = "[" + authority + "]"; // several colons and no brackets: an IPv6 address without a port
        }
        URI uri;
        try {
            uri = new URI("//" + authority);
        } catch (URISyntaxException e) {
            throw notAServer(text, e.getReason());
        }
        if (uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw notAServer(text, "expected host[:port]");
        }
        if (authority.endsWith(":") || uri.getPort() == 0 || uri.getPort() > 65535) {
            throw notAServer(text, "the port must be in 1..65535");
        }
        String host = uri.getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ServerAddress(host, Math.max(0, uri.getPort()));
    }

    /** The port named, else {@code defaultPort}. */
    public int portOr(int defaultPort) {
        return port != 0 ? port : defaultPort;
    }

    /** The socket address to connect to; a host name is resolved now (by the JVM), an address literal is not. */
    public InetSocketAddress socketAddress(int defaultPort) {
        return new InetSocketAddress(host, portOr(defaultPort));
    }

    /** The setting's text: {@code host:port}, {@code [v6]:port}, or the host alone when no port was named. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }

    private static IllegalArgumentException notAServer(String text, String why) {
        return new IllegalArgumentException("not a server address (host[:port]): '" + text + "': " + why);
    }
}
