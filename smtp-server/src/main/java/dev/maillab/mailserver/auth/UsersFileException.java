package dev.maillab.mailserver.auth;

import java.nio.file.Path;

/**
 * A users or aliases file that does not parse whole: {@code users: /etc/dovecot/users:3: unknown scheme {PLAI}.
 * At start-up it stops the server; on a reload the last good content stays in use.
 */
public final class UsersFileException extends RuntimeException {

    UsersFileException(String kind, Path file, int line, String problem) {
        super(kind + ": " + file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
