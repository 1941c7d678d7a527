package dev.maillab.console.mailbox;

/**
 * One message of a Maildir as smtp-server lists it ({@code GET /api/mailboxes/{user}/messages}, newest first).
 *
 * @param id        the Maildir base name (the POP3 UIDL)
 * @param folder    "new" (not yet shown by POP3) or "cur"
 * @param flags     Maildir flags, e.g. "S"
 * @param subject   decoded
 * @param date      the Date header as written
 * @param messageId the Message-ID header, angle brackets kept
 * @param file      its absolute path
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
