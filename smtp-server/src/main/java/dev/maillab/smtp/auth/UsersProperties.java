package dev.maillab.smtp.auth;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where users and their mail live.
 *
 * @param file        Dovecot passwd-file ({@code name:{SCHEME}password:uid:gid:gecos:home:extra})
 * @param aliasesFile optional /etc/aliases-style file; without it postmaster, abuse and root go to the
 *                    first user of the passwd-file
 * @param mailRoot    a user's home is {@code <mail-root>/<name>} unless the passwd-file names one
 */
@ConfigurationProperties("maillab.users")
public record UsersProperties(
        @DefaultValue("/etc/dovecot/users") Path file,
        Path aliasesFile,
        @DefaultValue("/var/mail") Path mailRoot) {
}
