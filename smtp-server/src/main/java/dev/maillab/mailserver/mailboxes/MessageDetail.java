package dev.maillab.mailserver.mailboxes;

import java.util.List;

/**
 * One message in {@code GET /api/mailboxes/{user}/messages/{id}}: the fields of its {@link MessageSummary}, then
 * these.
 *
 * @param headers every header field of the message in order: names as written, values unfolded and decoded
 * @param parts   the MIME tree: one part, "1", the message itself
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

    public record Header(String name, String value) {}

    static MessageDetail of(MessageSummary s, List<Header> headers, MimePart root) {
        return new MessageDetail(
                s.id(),
                s.folder(),
                s.flags(),
                s.size(),
                s.from(),
                s.to(),
                s.subject(),
                s.date(),
                s.messageId(),
                s.file(),
                headers,
                List.of(root));
    }
}
