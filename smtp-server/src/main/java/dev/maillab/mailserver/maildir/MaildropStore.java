package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.IOException;

/** Reading side of the store: POP3 opens a user's maildrop here and never touches files itself. */
public interface MaildropStore {

    /** A snapshot of the user's messages as they are now; later deliveries do not change it. */
    Maildrop open(MailUser user) throws IOException;
}
