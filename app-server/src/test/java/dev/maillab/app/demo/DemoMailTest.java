package dev.maillab.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maillab.app.testsupport.ScriptableSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** maillab.app.demo.enabled=true: one mail goes out after start-up, retried while the server answers 4xx. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoMailTest {

    static final ScriptableSmtpServer SMTP = new ScriptableSmtpServer();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        SMTP.failTemporarily(2); // the server is "not ready" twice: the demo must keep trying
        r.add("maillab.app.resolver", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
        r.add("maillab.app.fallback-host", () -> "127.0.0.1:" + SMTP.port());
        r.add("maillab.app.retry.max-attempts", () -> "1");
        r.add("maillab.app.demo.enabled", () -> "true");
        r.add("maillab.app.demo.interval", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        SMTP.close();
    }

    @Test
    void theDemoMailIsSentOnceTheApplicationIsReady() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> !SMTP.accepted().isEmpty());
        MimeMessage m = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(SMTP.accepted().get(0)));
        assertThat(m.getSubject()).isEqualTo("maillab demo: テストメール");
        assertThat(m.getHeader("To")[0]).isEqualTo("test@example.local");
        assertThat(SMTP.dataCommands()).isEqualTo(3);
        assertThat(SMTP.accepted()).hasSize(1);
    }
}
