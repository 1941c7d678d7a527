package dev.maillab.mailserver.maildir;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Maildir details.
 *
 * @param hostname  host part of new file names; empty means this machine's host name
 * @param tmpMaxAge files left in {@code tmp/} by a crash are removed after this long (the Maildir spec's 36 h)
 * @param minFree   free space the mail root's file system keeps: below it {@link MailRootSpace} says "no room"
 *                  (SMTP answers 452 4.3.1) while the health stays UP. The default is five messages of the
 *                  default maximum size ({@code maillab.smtp.max-message-size}, 10240000 bytes)
 */
@ConfigurationProperties("maillab.maildir")
public record MaildirProperties(
        @DefaultValue("") String hostname,
        @DefaultValue("36h") Duration tmpMaxAge,
        @DefaultValue("50MB") DataSize minFree) {}
