package dev.maillab.mailserver.pop3;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The POP3 listener and its limits.
 *
 * @param address           listen address
 * @param port              listen port (110 in the container; 0 picks a free port)
 * @param pop3sPort         the POP3S listener's port (RFC 8314: TLS from connect; 995 in the container); 0 picks a
 *                          free port, -1 none; none either without TLS ({@code maillab.tls.enabled=false})
 * @param hostname          name in the greeting (and in the APOP timestamp)
 * @param lockSession       a second login to a maildrop in use gets {@code -ERR [IN-USE]} (Dovecot's pop3_lock_session)
 * @param maxConnections    concurrent connections in total, POP3 and POP3S together; more get {@code -ERR [SYS/TEMP]}
 *                          and are closed
 * @param maxConnectionsPerClient concurrent connections from one client address (Dovecot's
 *                          mail_max_userip_connections is 10 per user and address); more get {@code -ERR [SYS/TEMP]}
 * @param idleTimeout       autologout after this long without a command or reply progress (RFC 1939: at least 10 minutes)
 * @param commandDeadline   a command line must be complete this long after its first octet; else {@code -ERR} and close.
 *                          Also the bound of a TLS handshake (STLS's, and POP3S's from connect); past it, the close
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
        @DefaultValue("1995") int pop3sPort,
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
        @DefaultValue("false") boolean apop) {

    public Pop3Properties {
        if (pop3sPort < -1 || pop3sPort > 65535) {
            throw new IllegalArgumentException(
                    "maillab.pop3.pop3s-port must be -1 (none), 0 (any free) or a port: " + pop3sPort);
        }
    }
}
