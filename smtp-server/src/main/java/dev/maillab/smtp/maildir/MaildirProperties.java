package dev.maillab.smtp.maildir;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Maildir details.
 *
 * @param hostname  host part of new file names; empty means this machine's host name
 * @param tmpMaxAge files left in {@code tmp/} by a crash are removed after this long (the Maildir spec's 36 h)
 */
@ConfigurationProperties("maillab.maildir")
public record MaildirProperties(
        @DefaultValue("") String hostname,
        @DefaultValue("36h") Duration tmpMaxAge) {

    public static MaildirProperties defaults() {
        return new MaildirProperties("", Duration.ofHours(36));
    }
}
