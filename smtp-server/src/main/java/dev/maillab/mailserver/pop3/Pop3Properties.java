package dev.maillab.mailserver.pop3;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The POP3 listener and its limits.
 *
 * @param address           listen address
 * @param port              listen port (110 in the container; 0 picks a free port)
 * @param hostname          name in the greeting (and in the APOP timestamp)
 * @param lockSession       a second login to a maildrop in use gets {@code -ERR [IN-USE]} (Dovecot's pop3_lock_session)
 * @param maxConnections    concurrent connections in total; more get {@code -ERR [SYS/TEMP]} and are closed
 * @param maxConnectionsPerClient concurrent connections from one client address (Dovecot's
 *                          mail_max_userip_connections is 10 per user and address); more get {@code -ERR [SYS/TEMP]}
 * @param idleTimeout       autologout after this long without a command or reply progress (RFC 1939: at least 10 minutes)
 * @param commandDeadline   a command line must be complete this long after its first octet; else {@code -ERR} and close
 * @param maxLineLength     longest command line in octets incl. CRLF (RFC 2449 allows 255); longer ones get -ERR
 * @param authFailureDelay  delay before answering the first failed login from an address; doubles per failure
 * @param authFailureDelayMax upper bound of that delay
 * @param authFailureForget failures from an address are forgotten after this long without one
 * @param apop              offer APOP (RFC 1939 section 7): a timestamp in the greeting; works for {PLAIN} users only
 */
@ConfigurationProperties("maillab.pop3")
public record Pop3Properties(
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue("1110") int port,
        @DefaultValue("mail.example.local") String hostname,
        @DefaultValue("false") boolean lockSession,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("20") int maxConnectionsPerClient,
        @DefaultValue("10m") Duration idleTimeout,
        @DefaultValue("60s") Duration commandDeadline,
        @DefaultValue("512") int maxLineLength,
        @DefaultValue("500ms") Duration authFailureDelay,
        @DefaultValue("8s") Duration authFailureDelayMax,
        @DefaultValue("10m") Duration authFailureForget,
        @DefaultValue("false") boolean apop) {}
