package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.relay.delivery.DeliverySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail between the lab's domains ({@code maillab.relay.*}): who may relay where, the queue, and how it is
 * delivered.
 *
 * @param domains         the lab's other domains, the zones the lab's dns-server serves besides this server's own
 *                        ({@code maillab.smtp.domains}); mail for them is relayed (authenticated or trusted
 *                        clients only), mail for any domain outside this list and the local ones is refused
 * @param trustedNetworks address blocks whose clients relay without AUTH (Postfix mynetworks)
 * @param queueDirectory  the queue; unset = {@code <maillab.users.mail-root>/.queue}
 * @param port            the port of every MX host (25; the launcher and tests set theirs)
 * @param workers         deliveries in progress at once, each on its own thread
 * @param retryInitial    the wait after the first failed attempt, doubling with each further one ...
 * @param retryMax        ... up to this
 * @param maxLifetime     a message still undelivered this long after it was queued is returned to its sender
 * @param dnsTimeout      one DNS query (MX, A) may take this long; no answer defers the domain's recipients
 * @param connectTimeout  one TCP connect to an MX host may take this long
 * @param readTimeout     each reply of an MX host (and the TLS handshake) may take this long
 * @param sessionTimeout  one whole conversation with an MX host may take this long
 * @param maxMessages     messages the queue holds at most (each one's envelope stays in memory); past it a relayed
 *                        RCPT gets 452 4.3.1
 */
@ConfigurationProperties("maillab.relay")
public record RelayProperties(
        @DefaultValue("example.test") List<String> domains,
        @DefaultValue("127.0.0.0/8") List<String> trustedNetworks,
        Path queueDirectory,
        @DefaultValue("25") int port,
        @DefaultValue("2") int workers,
        @DefaultValue("10s") Duration retryInitial,
        @DefaultValue("5m") Duration retryMax,
        @DefaultValue("1h") Duration maxLifetime,
        @DefaultValue("5s") Duration dnsTimeout,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("10m") Duration sessionTimeout,
        @DefaultValue("10000") int maxMessages) {

    public RelayProperties {
        domains = domains.stream()
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .toList();
        TrustedNetworks.parse(trustedNetworks);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("maillab.relay.port must be 1 to 65535");
        }
        if (workers < 1 || maxMessages < 1) {
            throw new IllegalArgumentException("maillab.relay.workers and .max-messages must be positive");
        }
        for (Duration d :
                List.of(retryInitial, retryMax, maxLifetime, dnsTimeout, connectTimeout, readTimeout, sessionTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(
                        "maillab.relay's retry, lifetime and timeout settings must be positive");
            }
        }
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("maillab.relay.retry-max must not be below retry-initial");
        }
    }

    public TrustedNetworks networks() {
        return TrustedNetworks.parse(trustedNetworks);
    }

    /** The queue directory, {@code <mailRoot>/.queue} when unset. */
    public Path queueDirectoryUnder(Path mailRoot) {
        return queueDirectory != null ? queueDirectory : mailRoot.resolve(".queue");
    }

    public DeliverySettings delivery(String heloName) {
        return new DeliverySettings(heloName, port, connectTimeout, readTimeout, sessionTimeout);
    }

    /** The wait after the {@code attempts}-th failed attempt: retry-initial doubling, at most retry-max. */
    public Duration retryDelay(int attempts) {
        Duration delay = retryInitial;
        for (int i = 1; i < attempts && delay.compareTo(retryMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
