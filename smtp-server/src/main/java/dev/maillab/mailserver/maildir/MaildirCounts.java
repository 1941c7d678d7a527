package dev.maillab.mailserver.maildir;

/**
 * A Maildir's size.
 *
 * @param newCount messages in {@code new/} (not yet shown by POP3)
 * @param curCount messages in {@code cur/}
 * @param bytes    octets of both
 */
public record MaildirCounts(int newCount, int curCount, long bytes) {}
