package dev.maillab.mailserver.auth;

import java.nio.file.Path;

/**
 * A user of the passwd-file. The Maildir path is derived here and only here, so SMTP delivery
 * and POP3 can never look at different places (the seed's first trap).
 */
public record MailUser(String name, Path home) {

    public Path maildir() {
        return home.resolve("Maildir");
    }
}
