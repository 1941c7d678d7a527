package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

class Pop3HealthIndicatorTest {

    @TempDir
    Path dir;

    @Test
    void upWhileListeningDownAfterStop() throws IOException {
        Pop3TestServer pop3 = new Pop3TestServer(dir);
        Pop3HealthIndicator health = new Pop3HealthIndicator(pop3.server, pop3.properties);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        pop3.close();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
