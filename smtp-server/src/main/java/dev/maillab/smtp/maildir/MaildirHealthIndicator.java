package dev.maillab.smtp.maildir;

import dev.maillab.smtp.auth.UsersProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health "maildir": UP when a file can be created and removed under the mail root. */
@Component("maildirHealthIndicator")
public class MaildirHealthIndicator implements HealthIndicator {

    private final Path mailRoot;

    public MaildirHealthIndicator(UsersProperties users) {
        this.mailRoot = users.mailRoot().toAbsolutePath();
    }

    @Override
    public Health health() {
        try {
            Files.createDirectories(mailRoot);
            Path probe = Files.createTempFile(mailRoot, ".health", ".tmp");
            Files.delete(probe);
            return Health.up().withDetail("mailRoot", mailRoot.toString())
                    .withDetail("usableBytes", Files.getFileStore(mailRoot).getUsableSpace()).build();
        } catch (IOException e) {
            return Health.down(e).withDetail("mailRoot", mailRoot.toString()).build();
        }
    }
}
