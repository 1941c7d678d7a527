package dev.maillab.mailserver.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;

/**
 * One POP3 session's view of a maildrop: the messages that were there when it was opened. Other
 * sessions and deliveries may change the directory meanwhile; a message they removed is reported
 * as gone, never as an error of the whole maildrop.
 */
public interface Maildrop {

    /** The snapshot, oldest first. Sizes are RFC 822 (CRLF) sizes. */
    List<StoredMessage> messages();

    /**
     * The message with CRLF line ends (bare LF in foreign files is converted), not dot-stuffed.
     *
     * @throws java.nio.file.NoSuchFileException if the message has been removed since the snapshot
     */
    InputStream content(String uid) throws IOException;

    /** The message's Maildir name without its {@code :2,} info, as delivered; the uid when it is not known. */
    default String name(String uid) {
        return uid;
    }

    /**
     * Applies a POP3 UPDATE: removes {@code deleted} and marks {@code seen} as seen (moving them from
     * {@code new/} to {@code cur/}). Messages that are already gone are skipped.
     */
    void update(Collection<String> deleted, Collection<String> seen) throws IOException;
}
