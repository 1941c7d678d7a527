package dev.maillab.smtp.maildir;

import dev.maillab.smtp.auth.MailUser;
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
     * @return the Maildir base name of the stored message (its POP3 UIDL)
     */
    String deliver(MailUser user, byte[] addedHeaders, byte[] message) throws IOException;
}
