package dev.maillab.pop3client.pop3;

import java.time.Duration;

/**
 * What the client accepts from a server before it calls the conversation broken.
 *
 * @param connectTimeout  TCP connect
 * @param readTimeout     any single read
 * @param maxLineOctets   one line, CRLF excluded (RFC 5322 allows 998; servers and junk may send more)
 * @param maxMessageOctets one retrieved message
 * @param maxListEntries  lines of a LIST or CAPA answer
 */
public record Pop3Limits(Duration connectTimeout, Duration readTimeout, int maxLineOctets, long maxMessageOctets,
        int maxListEntries) {

    public static Pop3Limits defaults(Duration timeout) {
        return new Pop3Limits(timeout, timeout, 65_536, 50L * 1024 * 1024, 100_000);
    }
}
