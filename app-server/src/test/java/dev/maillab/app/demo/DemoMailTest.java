package dev.maillab.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maillab.app.testsupport.ScriptableSmtpServer;
import dev.maillab.events.Event;
import dev.maillab.events.EventJournal;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * maillab.app.demo.enabled=true: one mail goes out after start-up, retried while the server answers 4xx; each try is
 * an app.send of source demo.
 */
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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EventJournal journal;

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

        // each try is one send: two the server put off, then the one it took (recorded once its 250 is read)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> journal.read(0, 100, "app.send").events().size() == 3);
        List<JsonNode> sends = new ArrayList<>();
        for (Event e : journal.read(0, 100, "app.send").events()) {
            sends.add(JSON.readTree(e.json()));
        }
        assertThat(sends)
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.get("source").asString()).isEqualTo("demo"));
        for (JsonNode putOff : sends.subList(0, 2)) {
            assertThat(putOff.get("reply").asString()).startsWith("451");
            assertThat(putOff.get("error").asString()).contains("451");
            assertThat(putOff.get("queueId").isNull()).isTrue();
        }
        JsonNode taken = sends.get(2);
        assertThat(taken.get("messageId").asString()).isEqualTo(m.getMessageID());
        assertThat(taken.get("reply").asString()).startsWith("250");
        assertThat(taken.get("error").isNull()).isTrue();
    }

    @Test
    void theJourneyAddressNamesTheMessageIdEncoded() {
        assertThat(DemoMail.journey("http://127.0.0.1:8088/", "<a+b@example.local>"))
                .isEqualTo("http://127.0.0.1:8088/journey?messageId=%3Ca%2Bb%40example.local%3E");
    }
}
