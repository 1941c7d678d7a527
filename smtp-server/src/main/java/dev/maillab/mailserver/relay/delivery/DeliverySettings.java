package dev.maillab.mailserver.relay.delivery;

import java.time.Duration;

/**
 * How this host talks to the others (from {@code maillab.relay.*} and the SMTP host name).
 *
 * @param heloName       the name in EHLO/HELO: this server's {@code maillab.smtp.hostname}
 * @param port           the port every MX host is connected to (25; on one machine and in tests another)
 * @param connectTimeout a TCP connect may take this long; then the next address
 * @param readTimeout    each reply may take this long (also the TLS handshake)
 * @param sessionTimeout one whole conversation with a host may take this long; then it is cut (a peer that reads
 *                       the message slower than any timeout per reply catches)
 */
public record DeliverySettings(
        String heloName, int port, Duration connectTimeout, Duration readTimeout, Duration sessionTimeout) {}
