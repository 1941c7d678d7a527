package dev.maillab.mailserver.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health "maildir": UP when a file can be created and removed under the mail root. Free space below
 * {@code maillab.maildir.min-free} shows as {@code storage: low} but keeps it UP: SMTP then defers mail with
 * 452 4.3.1 while POP3 goes on (Spring's own diskSpace indicator, which would turn the whole service DOWN, is off).
 */
public class MaildirHealthIndicator implements HealthIndicator {

    private final MailRootSpace space;

    public MaildirHealthIndicator(MailRootSpace space) {
        this.space = space;
    }

    @Override
    public Health health() {
        Path mailRoot = space.mailRoot();
        try {
            Files.createDirectories(mailRoot);
            Path probe = Files.createTempFile(mailRoot, ".health", ".tmp");
            Files.delete(probe);
            return Health.up()
                    .withDetail("mailRoot", mailRoot.toString())
                    .withDetail("usableBytes", space.usableBytes())
                    .withDetail("minFree", space.minFree())
                    .withDetail("storage", space.hasRoomFor(0) ? "ok" : "low: new mail gets 452 4.3.1")
                    .build();
        } catch (IOException e) {
            return Health.down(e).withDetail("mailRoot", mailRoot.toString()).build();
        }
    }
}
