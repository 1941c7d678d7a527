package dev.maillab.app.config;

import dev.maillab.net.ServerAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the sender needs to know, under {@code maillab.app.*}. The defaults are the one-machine values
 * except the SMTP and submission ports, which are the ports used on a real MX host (25, 587); the launcher
 * overrides them.
 *
 * @param resolver     DNS server used for MX and A lookups, {@code host[:port]} (port 53); unset or empty = the
 *                     system resolver
 * @param smtpPort     port used on the MX host (unless {@code submission.username} is set)
 * @param fallbackHost host used only when the MX lookup fails, {@code host[:port]} (a name is looked up through the
 *                     resolver; port smtpPort); unset or empty = none
 * @param from         sender when a request names none; its domain is also the Message-ID's domain
 * @param heloName     name given in EHLO
 * @param dnsTimeout   how long one DNS query may take
 * @param connectTimeout how long the TCP connect to a mail server may take
 * @param timeout      how long any single SMTP read or write may take
 * @param submission   authenticated submission on port 587 instead of port 25
 */
@ConfigurationProperties("maillab.app")
public record AppProperties(
        ServerAddress resolver,
        @DefaultValue("25") int smtpPort,
        ServerAddress fallbackHost,
        @DefaultValue("app@example.local") String from,
        @DefaultValue("app-server.example.local") String heloName,
        @DefaultValue("3s") Duration dnsTimeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue Retry retry,
        @DefaultValue Limits limits,
        @DefaultValue Demo demo,
        @DefaultValue Submission submission) {

    /** The port used on each MX host: the submission port when submitting, else {@code smtpPort}. */
    public int mailPort() {
        return submission.enabled() ? submission.port() : smtpPort;
    }

    /**
     * Transient failures (4xx replies, an unreachable server, a DNS server that does not answer) are retried;
     * 5xx replies never are.
     *
     * @param maxAttempts    attempts in all, the first one included (1 = no retry)
     * @param initialBackoff pause after the first failed attempt
     * @param multiplier     each following pause is this many times longer ...
     * @param maxBackoff     ... up to this
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5s") Duration maxBackoff) {

        public Duration backoffAfter(int failedAttempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /**
     * What one message and one HTTP request may hold. A message beyond any of these is refused with 400 before
     * anything is sent; an HTTP body beyond them with 413 (too long), 408 (too slow) or 503 (too many at once).
     * The defaults fit smtp-server's SIZE (10 240 000 octets): 7 MiB of attachments are ~9.8 MB in base64.
     *
     * @param maxRecipients      To and Cc together
     * @param maxSubjectLength   characters; keeps "Subject: " plus an unbreakable subject under 998 octets
     * @param maxBodyChars       characters of the text body; also the longest JSON string accepted
     * @param maxAttachments     number of attachments
     * @param maxAttachmentBytes decoded bytes of all attachments together
     * @param maxMessageBytes    the whole message after MIME encoding, as the mail server counts it (its SIZE)
     * @param maxRequestBytes    an HTTP request body (the JSON, attachments in base64), by Content-Length or as it
     *                           streams
     * @param requestMemory      HTTP request bodies in progress together; each reserves its length (a chunked one
     *                           the largest allowed) before it is read, the one beyond gets 503
     * @param requestReadTimeout the whole HTTP body must arrive within this (408), however slowly it trickles
     * @param maxJsonTokens      tokens in one JSON document (a full request has a few hundred)
     * @param maxJsonDepth       nesting of JSON objects and arrays
     */
    public record Limits(
            @DefaultValue("100") int maxRecipients,
            @DefaultValue("900") int maxSubjectLength,
            @DefaultValue("1000000") int maxBodyChars,
            @DefaultValue("10") int maxAttachments,
            @DefaultValue("7340032") long maxAttachmentBytes,
            @DefaultValue("10240000") long maxMessageBytes,
            @DefaultValue("10485760") long maxRequestBytes,
            @DefaultValue("25165824") long requestMemory,
            @DefaultValue("30s") Duration requestReadTimeout,
            @DefaultValue("1000") long maxJsonTokens,
            @DefaultValue("32") int maxJsonDepth) {}

    /**
     * One mail sent when the web application is ready, for the scripted compose flow. The smtp-server may start
     * after this service, so the demo keeps trying for a while.
     *
     * @param enabled  send it
     * @param to       recipients (comma-separated in one setting; in several domains only when submitting)
     * @param subject  subject (Japanese on purpose: it must arrive as RFC 2047 encoded-words)
     * @param body     text body
     * @param attempts how many times to try while the mail server cannot be reached
     * @param interval pause between those tries
     * @param consoleUrl where a browser reaches the web console (compose: the host's published port); when set, the
     *                 log line of the sent mail is followed by the address of its journey there
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("test@example.local") List<String> to,
            @DefaultValue("maillab demo: テストメール") String subject,

            @DefaultValue("Hello from maillab app-server.\nこんにちは、メールの送受信テストです。\n")
            String body,

            @DefaultValue("30") int attempts,
            @DefaultValue("2s") Duration interval,
            @DefaultValue("") String consoleUrl) {}

    /**
     * Submission the way a mail application does it (RFC 6409, RFC 8314): with a username set, every message goes
     * to the MX host's submission port, STARTTLS first and AUTH as this user before MAIL. Never in clear text: a
     * server that offers no STARTTLS or no AUTH, a failed handshake, a certificate that does not chain to
     * {@code caFile} or does not name the MX host, each ends the attempt. Without a username: {@code smtpPort}, no
     * TLS, no AUTH.
     *
     * @param username     the user to log in as; unset or empty = no submission
     * @param password     its password; the one of this and passwordFile that is set
     * @param passwordFile a file holding the password (its first line; a container's secret)
     * @param port         the submission port on the MX host
     * @param caFile       PEM with the certificate(s) of the CA(s) to trust, the lab CA's {@code ca.pem}; unset = the
     *                     JVM's default trust store
     */
    public record Submission(
            String username,
            String password,
            Path passwordFile,
            @DefaultValue("587") int port,
            Path caFile) {

        public boolean enabled() {
            return username != null && !username.isBlank();
        }

        /** The password never leaves through a log line or an exception's message. */
        @Override
        public String toString() {
            return "Submission[username=" + username + ", password=" + (password == null ? null : "******")
                    + ", passwordFile=" + passwordFile + ", port=" + port + ", caFile=" + caFile + "]";
        }
    }
}
