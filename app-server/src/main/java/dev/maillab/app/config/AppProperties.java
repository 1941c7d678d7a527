package dev.maillab.app.config;

import dev.maillab.net.ServerAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the sender needs to know, under {@code maillab.app.*}. The defaults are the one-machine values
 * except the SMTP port, which is the port an MTA uses on the MX host (25); the launcher overrides it.
 *
 * @param resolver     DNS server used for MX and A lookups, {@code host[:port]} (port 53); unset or empty = the
 *                     system resolver
 * @param smtpPort     port used on the MX host
 * @param fallbackHost host used only when the MX lookup fails, {@code host[:port]} (a name is looked up through the
 *                     resolver; port smtpPort); unset or empty = none
 * @param from         sender when a request names none; its domain is also the Message-ID's domain
 * @param heloName     name given in EHLO
 * @param dnsTimeout   how long one DNS query may take
 * @param connectTimeout how long the TCP connect to a mail server may take
 * @param timeout      how long any single SMTP read or write may take
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
        @DefaultValue Demo demo) {

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
     * @param to       recipient
     * @param subject  subject (Japanese on purpose: it must arrive as RFC 2047 encoded-words)
     * @param body     text body
     * @param attempts how many times to try while the mail server cannot be reached
     * @param interval pause between those tries
     * @param consoleUrl where a browser reaches the web console (compose: the host's published port); when set, the
     *                 log line of the sent mail is followed by the address of its journey there
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("test@example.local") String to,
            @DefaultValue("maillab demo: テストメール") String subject,

            @DefaultValue("Hello from maillab app-server.\nこんにちは、メールの送受信テストです。\n")
            String body,

            @DefaultValue("30") int attempts,
            @DefaultValue("2s") Duration interval,
            @DefaultValue("") String consoleUrl) {}
}
