package dev.maillab.mailserver.maildir;

import java.nio.file.Path;

/**
 * What changes in users' Maildirs besides deliveries, for whoever keeps a record of it (the web console's event
 * journal): POP3's UPDATE moving a message from {@code new/} to {@code cur/} and removing deleted ones, and any
 * other removal that calls {@link #deleted} (the mailbox API's delete). Called after the change is made; an observer
 * must never throw.
 *
 * <p>{@code message} is the file's name without its {@code :2,} info ({@code <base>,S=<size>,W=<size>}): the name a
 * delivery gave it, which stays the same in {@code cur/}.
 */
public interface MaildirObserver {

    MaildirObserver NONE = new MaildirObserver() {};

    /** The message was moved (renamed) from {@code from} to {@code to}, both absolute. */
    default void moved(String user, String message, Path from, Path to) {}

    /** The file {@code path} (absolute) was removed. */
    default void deleted(String user, String message, Path path) {}

    /** {@code message} for a file name: the name up to its {@code :} info. */
    static String messageOf(String fileName) {
        int colon = fileName.indexOf(':');
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }
}
