package dev.maillab.console.mailbox;

import java.util.List;

/**
 * One message with its headers and MIME tree ({@code GET /api/mailboxes/{user}/messages/{id}}): the fields of
 * {@link MessageSummary} and these.
 *
 * @param headers every header field in order, values decoded
 * @param parts   the MIME tree's top level (one part for a single-part message)
 */
public record MessageDetail(
        String id,
        String folder,
        String flags,
        long size,
        String from,
        String to,
        String subject,
        String date,
        String messageId,
        String file,
        List<Header> headers,
        List<MimePart> parts) {

    public MessageDetail {
        headers = headers == null ? List.of() : headers;
        parts = parts == null ? List.of() : parts;
    }

    public record Header(String name, String value) {}
}
