package dev.maillab.client.pop3;

import java.time.Duration;

/**
 * What the client accepts from a server before it calls the conversation broken.
 *
 * @param connectTimeout  TCP connect
 * @param readTimeout     any single read
 * @param maxLineOctets   one line, CRLF excluded (RFC 5322 allows 998; servers and junk may send more)
 * @param maxMessageOctets one retrieved message: above smtp-server's 10 240 000 with its trace headers, and small
 *                        enough that the 64 MB heap of jvm.options holds it with its parsed copy
 * @param maxListEntries  lines of a LIST or CAPA answer
 * @param transcriptLines lines of one multi-line answer kept in the transcript; the rest is counted in a note
 */
public record Pop3Limits(
        Duration connectTimeout,
        Duration readTimeout,
        int maxLineOctets,
        long maxMessageOctets,
        int maxListEntries,
        int transcriptLines) {

    public static Pop3Limits defaults(Duration timeout) {
        return new Pop3Limits(timeout, timeout, 65_536, 12L * 1024 * 1024, 100_000, 200);
    }
}
