package dev.maillab.mailserver.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The modification times of a Maildir's {@code cur/} and {@code new/}: every delivery, move, flag change
 * and removal renames or unlinks an entry there, which sets the directory's mtime. Equal stamps mean
 * equal listings, but only if the stamp was taken when both times were already in the past: the kernel
 * sets them from a coarse clock, so two changes within one tick can leave the same mtime.
 */
record MaildirStamp(FileTime cur, FileTime neu) {

    /** How far in the past both mtimes must be for a later change to be certain to move them. */
    static final long SETTLE_MILLIS = 1000;

    /** Null if either directory is missing (nothing worth remembering). */
    static MaildirStamp of(Path maildir) throws IOException {
        try {
            return new MaildirStamp(
                    Files.getLastModifiedTime(maildir.resolve("cur")),
                    Files.getLastModifiedTime(maildir.resolve("new")));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** True if both mtimes are at least {@link #SETTLE_MILLIS} older than {@code nowMillis}. */
    boolean settledAt(long nowMillis) {
        return cur.toMillis() <= nowMillis - SETTLE_MILLIS && neu.toMillis() <= nowMillis - SETTLE_MILLIS;
    }
}
