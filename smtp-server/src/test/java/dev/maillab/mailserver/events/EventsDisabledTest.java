package dev.maillab.mailserver.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.mailserver.pop3.Pop3Server;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.testkit.Pop3Connection;
import dev.maillab.testkit.SmtpConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code maillab.events.enabled=false}: mail flows as ever, the journal stays empty, the API still answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsDisabledTest {

    static final Path DIR = AppUnderTest.directory("maillab-events-off-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, DIR);
        registry.add("maillab.events.enabled", () -> false);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    SmtpServer smtp;

    @Autowired
    Pop3Server pop3;

    @Test
    void nothingIsRecordedAndTheApiAnswersAnEmptyJournal() throws Exception {
        SmtpConnection.deliver(
                smtp.port(), "app@example.local", "bob@example.local", "Subject: off\r\n\r\nnot recorded\r\n");
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.login("bob", "password")).startsWith("+OK");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        Thread.sleep(200); // the sessions' ends, had they been recorded
        JsonNode page = new EventsHttp(httpPort).page("");
        assertThat(page.get("events")).isEmpty();
        assertThat(page.get("last").asLong()).isZero();
        try (SseClient stream = new SseClient(httpPort, null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.next().comment()).isEqualTo("hello");
        }
    }
}
