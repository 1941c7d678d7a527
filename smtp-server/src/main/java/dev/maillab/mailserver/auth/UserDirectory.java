package dev.maillab.mailserver.auth;

import java.util.List;
import java.util.Optional;

/** The users of the passwd-file and the aliases file, as SMTP and POP3 see them. */
public interface UserDirectory {

    /** The user with this login name, if the passwd-file has one. */
    Optional<MailUser> find(String name);

    /** Every user of the passwd-file, in file order (the mailbox API lists them). */
    List<MailUser> users();

    /** The user if the password matches the passwd-file's entry (PLAIN or a crypt scheme). */
    Optional<MailUser> authenticate(String name, String password);

    /**
     * The user if {@code digest} is the lowercase hex MD5 of {@code timestamp} followed by the password
     * (APOP, RFC 1939 section 7). Only a {PLAIN} entry can match: a crypt hash does not give the password back.
     */
    default Optional<MailUser> authenticateApop(String name, String timestamp, String digest) {
        return Optional.empty();
    }

    /**
     * The users a local part delivers to: the user itself, or the users an alias names.
     * Empty when the local part is neither (the SMTP side answers 550 5.1.1).
     */
    List<MailUser> resolveRecipient(String localPart);
}
