package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.smtp.connection.ConnectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP intake ({@code maillab.smtp.*}). Every limit is named here so that the replies the
 * server gives ({@code 552}, {@code 452}, {@code 500}, {@code 421}) can be traced to one setting.
 *
 * @param address         listen address
 * @param port            listen port (0 = any free port, used by tests)
 * @param submissionPort  the submission listener's port (RFC 6409: STARTTLS, then AUTH, before MAIL); 0 = any free
 *                        port, -1 = none; none either without TLS ({@code maillab.tls.enabled=false})
 * @param smtpsPort       the SMTPS listener's port (RFC 8314: TLS from connect, then AUTH, before MAIL); 0 = any
 *                        free port, -1 = none; none either without TLS
 * @param hostname        name in the greeting, EHLO and Received headers
 * @param domains         local domains; mail for any other domain is refused (never a relay)
 * @param maxMessageSize  bytes of DATA accepted (advertised as SIZE), larger gets 552
 * @param maxRecipients   accepted recipients per transaction, more get 452
 * @param maxConnections  concurrent SMTP sessions, on all SMTP listeners together; more get 421 at connect (Postfix
 *                        default_process_limit)
 * @param maxConnectionsPerClient concurrent sessions from one client address, more get 421 4.7.0 at connect
 *                        (Postfix smtpd_client_connection_count_limit); below maxConnections, so one source
 *                        cannot take every slot
 * @param idleTimeout     a session silent this long gets 421 and is closed
 * @param commandTimeout  a command line must be complete, and its reply written, this long after its first
 *                        octet (also the bound of a TLS handshake: STARTTLS's, and SMTPS's from connect); else
 *                        421 4.4.2 and close (a handshake that does not finish in time: the connection is closed)
 * @param dataTimeout     the whole DATA, from 354 to the final dot (RFC 5321 4.5.3.2.6: 10 minutes)
 * @param dataBlockTimeout longest wait for more DATA octets (RFC 5321 4.5.3.2.5: 3 minutes per data block)
 * @param maxCommandLine  octets of a command line including CRLF (RFC 5321 4.5.3.1.4), longer gets 500 and
 *                        the session goes on
 * @param maxErrors       error replies a session may get without delivering a message; then 421 4.7.0 and
 *                        close (Postfix smtpd_hard_error_limit)
 * @param authFailureDelay the answer to a failed AUTH waits this long, doubling with each failure in the session
 * @param maxAuthFailures the failed AUTH that reaches this count gets 421 4.7.0 and the session ends
 * @param dataMemory      heap all messages being received may hold together; the DATA that would go over it
 *                        gets 452 4.3.1 (see {@link DataMemory})
 * @param hopCountLimit   a message that arrives with more Received: fields than this is refused at the end of DATA
 *                        with 554 5.4.6, for local and relayed recipients alike: it is going round in a mail loop
 *                        (Postfix hopcount_limit)
 *
 * <p>Also under {@code maillab.smtp}, bound apart: {@code resolver} and {@code reverse-lookup.*}
 * ({@link dev.maillab.mailserver.dns.ReverseLookupProperties}). STARTTLS is {@code maillab.tls.*}, shared with POP3.
 */
@ConfigurationProperties("maillab.smtp")
public record SmtpProperties(
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue("2525") int port,
        @DefaultValue("2587") int submissionPort,
        @DefaultValue("2465") int smtpsPort,
        @DefaultValue("mail.example.local") String hostname,
        @DefaultValue("example.local") List<String> domains,
        @DefaultValue("10240000") int maxMessageSize,
        @DefaultValue("100") int maxRecipients,
        @DefaultValue("100") int maxConnections,
        @DefaultValue("20") int maxConnectionsPerClient,
        @DefaultValue("300s") Duration idleTimeout,
        @DefaultValue("60s") Duration commandTimeout,
        @DefaultValue("10m") Duration dataTimeout,
        @DefaultValue("3m") Duration dataBlockTimeout,
        @DefaultValue("512") int maxCommandLine,
        @DefaultValue("20") int maxErrors,
        @DefaultValue("1s") Duration authFailureDelay,
        @DefaultValue("3") int maxAuthFailures,
        @DefaultValue("48MB") DataSize dataMemory,
        @DefaultValue("50") int hopCountLimit) {

    public SmtpProperties {
        domains = domains.stream()
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .toList();
        if (maxMessageSize <= 0) {
            // SubEtha answers 552 to every SIZE= when the limit is not positive
            throw new IllegalArgumentException("maillab.smtp.max-message-size must be positive");
        }
        for (int p : new int[] {submissionPort, smtpsPort}) {
            if (p < -1 || p > 65535) {
                throw new IllegalArgumentException(
                        "maillab.smtp.submission-port and smtps-port must be -1 (none), 0 (any free) or a port: " + p);
            }
        }
        if (hopCountLimit < 1) {
            throw new IllegalArgumentException("maillab.smtp.hop-count-limit must be positive");
        }
        if (maxAuthFailures < 1 || authFailureDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "maillab.smtp.max-auth-failures must be positive, auth-failure-delay not negative");
        }
    }

    /** What each connection's streams enforce. */
    public ConnectionSettings connectionSettings() {
        return new ConnectionSettings(maxCommandLine, commandTimeout, dataTimeout, dataBlockTimeout, maxErrors);
    }

    public boolean isLocalDomain(String domain) {
        return domains.contains(domain.toLowerCase(Locale.ROOT));
    }
}
