package dev.maillab.mailserver.dns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the SMTP intake finds its clients' names for logs and Received headers. The settings sit under
 * {@code maillab.smtp} (only SMTP asks) but are bound here, apart from the other {@code maillab.smtp.*}, so that
 * this package needs nothing of {@code smtp}.
 *
 * @param resolver      {@code maillab.smtp.resolver}: "" = the system resolver, else {@code host:port} of the DNS
 *                      server to ask (port 53 when left out)
 * @param reverseLookup {@code maillab.smtp.reverse-lookup.*}
 */
@ConfigurationProperties("maillab.smtp")
public record ReverseLookupProperties(
        @DefaultValue("") String resolver, @DefaultValue ReverseLookup reverseLookup) {

    /**
     * @param timeout  one DNS query may take this long before the client is "unknown"
     * @param cacheTtl answers (also "unknown") are reused this long
     */
    public record ReverseLookup(
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("60s") Duration cacheTtl) {}
}
