package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.IOException;

/**
 * Delivery side of the Maildir store. SMTP hands a message over here and never touches files.
 */
public interface MailStore {

    /**
     * Stores one copy for the user: the header lines this server adds, then the message as
     * received (CRLF line ends, not dot-stuffed). Returns only once the file is in {@code new/}
     * and both the file and the directory are fsynced; throws if that could not be done.
     *
     * @return the file's name in {@code new/} and its Maildir base name (the POP3 UIDL)
     */
    Stored store(MailUser user, byte[] addedHeaders, byte[] message) throws IOException;

    /** Like {@link #store}; returns only the base name (the POP3 UIDL). */
    default String deliver(MailUser user, byte[] addedHeaders, byte[] message) throws IOException {
        return store(user, addedHeaders, message).uidl();
    }

    /**
     * One stored copy.
     *
     * @param uidl     the Maildir base name
     * @param fileName the name in {@code new/}: the base name and its {@code ,S=} / {@code ,W=} sizes
     */
    record Stored(String uidl, String fileName) {}
}
