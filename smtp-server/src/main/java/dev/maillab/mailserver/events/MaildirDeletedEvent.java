package dev.maillab.mailserver.events;

/**
 * {@code maildir.deleted}: a message's file was removed (a POP3 DELE applied at QUIT, the mailbox API's delete).
 *
 * @param message the file's name without its {@code :2,} info, as delivered
 * @param path    the absolute path of the file removed
 */
record MaildirDeletedEvent(String user, String message, String path) {}
