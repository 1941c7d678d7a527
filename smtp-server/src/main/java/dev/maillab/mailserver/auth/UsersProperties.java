package dev.maillab.mailserver.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where users and their mail live.
 *
 * @param file          Dovecot passwd-file ({@code name:{SCHEME}password:uid:gid:gecos:home:extra})
 * @param aliasesFile   optional /etc/aliases-style file; without it postmaster, abuse and root go to the
 *                      first user of the passwd-file
 * @param mailRoot      a user's home is {@code <mail-root>/<name>} unless the passwd-file names one
 * @param reloadSettle  a changed file is read once it has not changed for this long, so an editor or a copy
 *                      still writing it is never read half-way
 * @param maxFileSize   a larger users or aliases file is refused whole (the last good content stays)
 * @param maxLineLength characters of one line; a longer line makes the file refused whole
 */
@ConfigurationProperties("maillab.users")
public record UsersProperties(
        @DefaultValue("/etc/dovecot/users") Path file,
        Path aliasesFile,
        @DefaultValue("/var/mail") Path mailRoot,
        @DefaultValue("1s") Duration reloadSettle,
        @DefaultValue("8MB") DataSize maxFileSize,
        @DefaultValue("4096") int maxLineLength) {

    public UsersProperties {
        if (maxLineLength <= 0 || maxFileSize.toBytes() <= 0 || reloadSettle.isNegative()) {
            throw new IllegalArgumentException(
                    "maillab.users.max-line-length, .max-file-size must be positive, .reload-settle not negative");
        }
    }
}
