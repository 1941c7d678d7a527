package dev.maillab.smtp.pop3;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The POP3 listener and its limits.
 *
 * @param address           listen address
 * @param port              listen port (110 in the container; 0 picks a free port)
 * @param hostname          name in the greeting
 * @param lockSession       a second login to a maildrop in use gets {@code -ERR [IN-USE]} (Dovecot's pop3_lock_session)
 * @param maxConnections    concurrent connections; more get {@code -ERR [SYS/TEMP]} and are closed
 * @param idleTimeout       autologout after this long without a command (RFC 1939: at least 10 minutes)
 * @param maxLineLength     longest command line in octets incl. CRLF (RFC 2449 allows 255); longer ones get -ERR
 * @param authFailureDelay  delay before answering the first failed login from an address; doubles per failure
 * @param authFailureDelayMax upper bound of that delay
 * @param authFailureForget failures from an address are forgotten after this long without one
 */
@ConfigurationProperties("maillab.pop3")
public record Pop3Properties(
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue("1110") int port,
        @DefaultValue("mail.example.local") String hostname,
        @DefaultValue("false") boolean lockSession,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("10m") Duration idleTimeout,
        @DefaultValue("512") int maxLineLength,
        @DefaultValue("500ms") Duration authFailureDelay,
        @DefaultValue("8s") Duration authFailureDelayMax,
        @DefaultValue("10m") Duration authFailureForget) {

    /** The defaults, on another address and port (tests). */
    public static Pop3Properties defaults(String address, int port) {
        return new Pop3Properties(address, port, "mail.example.local", false, 200, Duration.ofMinutes(10), 512,
                Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(10));
    }
}
