package dev.maillab.mailserver.dns;

import dev.maillab.net.ServerAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the SMTP intake finds its clients' names for logs and Received headers. The settings sit under
 * {@code maillab.smtp} (only SMTP asks) but are bound here, apart from the other {@code maillab.smtp.*}, so that
 * this package needs nothing of {@code smtp}.
 *
 * @param resolver      {@code maillab.smtp.resolver}: "" = the system resolver, else the DNS server to ask as
 *                      lab-net's {@link ServerAddress} reads it ({@code host[:port]}, {@code [v6]:port}, a bare IPv6
 *                      address; port 53 when left out)
 * @param reverseLookup {@code maillab.smtp.reverse-lookup.*}
 */
@ConfigurationProperties("maillab.smtp")
public record ReverseLookupProperties(
        @DefaultValue("") String resolver, @DefaultValue ReverseLookup reverseLookup) {

    private static final int DNS_PORT = 53;

    /** A resolver that is no server address fails the binding (and so the start), naming the text. */
    public ReverseLookupProperties {
        ServerAddress.valueOf(resolver);
    }

    /** The DNS server of {@code resolver} (a name resolved now, by the JVM), or null for the system resolver. */
    public InetSocketAddress dnsServer() {
        ServerAddress server = ServerAddress.valueOf(resolver);
        return server == null ? null : server.socketAddress(DNS_PORT);
    }

    /**
     * @param timeout  one DNS query may take this long before the client is "unknown"
     * @param cacheTtl answers (also "unknown") are reused this long
     */
    public record ReverseLookup(
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("60s") Duration cacheTtl) {}
}
