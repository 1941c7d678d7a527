package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.IOException;
import java.util.Optional;

/**
 * The mailbox API's side of the store: counts, listings, single messages and their removal, for a user's Maildir as
 * it is now. HTTP code never touches files: it names a message by its id and reads what {@link #open} gives it.
 * An id is the Maildir base name (the POP3 UIDL); a file name with its {@code ,S=} sizes or {@code :2,} flags names
 * the same message.
 */
public interface MailboxStore {

    /** The messages of {@code new/} and {@code cur/} and their octets; all zero when there is no Maildir yet. */
    MaildirCounts counts(MailUser user) throws IOException;

    /**
     * The newest messages first, at most {@code limit} of them, all older than the message {@code before} names
     * (null: from the newest). Holds at most {@code limit} names, however many files the Maildir has.
     */
    MessageListing newestFirst(MailUser user, String before, int limit) throws IOException;

    /** Where the message with this id is now, if it is there. */
    Optional<MessageFile> find(MailUser user, String id) throws IOException;

    /**
     * Opens the message for reading, following it to {@code cur/} if a POP3 session has moved it since it was found.
     *
     * @throws java.nio.file.NoSuchFileException when it has been removed
     */
    MessageContent open(MailUser user, MessageFile message) throws IOException;

    /**
     * Removes the message (unlink: a POP3 session reading it goes on reading what it opened; one that has yet to
     * open it finds it gone) and makes the removal durable. Every removal through the API goes through here.
     *
     * @return the file removed, empty when there was no such message
     */
    Optional<MessageFile> delete(MailUser user, String id) throws IOException;
}
