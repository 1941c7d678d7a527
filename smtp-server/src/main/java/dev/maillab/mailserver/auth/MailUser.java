package dev.maillab.mailserver.auth;

import java.nio.file.Path;

/**
 * A user of the passwd-file. The Maildir path is derived here and only here, so SMTP delivery
 * and POP3 can never look at different places (mail delivered where POP3 does not look is lost without an error).
 */
public record MailUser(String name, Path home) {

    public Path maildir() {
        return home.resolve("Maildir");
    }
}
