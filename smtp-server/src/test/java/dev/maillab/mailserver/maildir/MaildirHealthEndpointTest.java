package dev.maillab.mailserver.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.testkit.SmtpConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service's health with less free disk than every threshold asks for (set above any real free space):
 * still UP, so `./maillab up` and container health checks pass; the maildir component says the storage is low.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MaildirHealthEndpointTest {

    static final Path DIR = AppUnderTest.directory("maillab-health-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, DIR);
        registry.add("maillab.maildir.min-free", () -> "1000000TB");
        // what Spring's diskSpace indicator would compare with, were it on
        registry.add("management.health.diskspace.threshold", () -> "1000000TB");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    SmtpServer smtp;

    @Test
    void aNearlyFullDiskMakesSmtpDeferNewMailWithATemporaryReplyAndTheSessionGoesOn() throws Exception {
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO client");
            SmtpConnection.Reply mail = c.command("MAIL FROM:<alice@example.local> SIZE=1000");
            assertThat(mail.code()).as(mail.toString()).isEqualTo(452);
            assertThat(mail.text()).startsWith("4.3.1");
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(503);
            assertThat(c.command("NOOP").code()).isEqualTo(250);
        }
        try (Stream<Path> files = Files.walk(DIR.resolve("mail"))) {
            assertThat(files.filter(Files::isRegularFile)
                            .filter(f -> f.getParent().endsWith("new")))
                    .isEmpty();
        } catch (java.nio.file.NoSuchFileException none) {
            // no Maildir was ever made: nothing was stored
        }
    }

    @Test
    void aNearlyFullDiskLeavesTheServiceUpAndSaysSoInTheMaildirDetails() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .endsWith("\"status\":\"UP\"}")
                .doesNotContain("diskSpace")
                .contains("\"storage\":\"low: new mail gets 452 4.3.1\"");
    }
}
