package dev.maillab.mailserver.mailboxes;

/**
 * One message in {@code GET /api/mailboxes/{user}/messages}.
 *
 * @param id        the Maildir base name: the POP3 UIDL
 * @param folder    "new" (POP3 has not shown it) or "cur"
 * @param flags     the Maildir flags ("S" once shown), "" without any
 * @param size      octets of the file
 * @param from      the From addresses, display names decoded; null without a From
 * @param to        the To addresses, likewise
 * @param subject   decoded (RFC 2047)
 * @param date      the Date header as written
 * @param messageId the Message-ID header, angle brackets kept
 * @param file      the file's absolute path
 */
public record MessageSummary(
        String id,
        String folder,
        String flags,
        long size,
        String from,
        String to,
        String subject,
        String date,
        String messageId,
        String file) {}
