package dev.maillab.smtp.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.smtp.auth.UsersProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

class MaildirHealthIndicatorTest {

    @TempDir
    Path dir;

    private MaildirHealthIndicator health(Path mailRoot) {
        return new MaildirHealthIndicator(new UsersProperties(dir.resolve("users"), null, mailRoot));
    }

    @Test
    void upWhenTheMailRootIsWritableAndLeavesNothingBehind() throws IOException {
        Path root = dir.resolve("mail");
        assertThat(health(root).health().getStatus()).isEqualTo(Status.UP);
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void downWhenTheMailRootCannotHoldFiles() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("mail"), "x");
        assertThat(health(notADirectory).health().getStatus()).isEqualTo(Status.DOWN);
    }
}
