package dev.maillab.mailserver.events;

/**
 * {@code maildir.moved}: a POP3 QUIT moved a message it showed from {@code new/} to {@code cur/}.
 *
 * @param message the file's name without its {@code :2,} info, as delivered
 * @param from    absolute path before
 * @param to      absolute path after
 */
record MaildirMovedEvent(String user, String message, String from, String to) {}
