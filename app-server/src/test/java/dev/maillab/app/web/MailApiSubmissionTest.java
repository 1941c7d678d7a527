package dev.maillab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.labservers.LabServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API submitting with a password the lab's real smtp-server refuses (from a password file, as a container
 * has it): the 535 in the problem response and the app.send event, the password in no answer of the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class MailApiSubmissionTest {

    private static final String WRONG = "wrong-secret-2718";

    @RegisterExtension
    static final LabServers LAB = new LabServers();

    @TempDir
    static Path tmp;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", LAB::resolver);
        r.add("maillab.app.smtp-port", LAB::smtpPort);
        r.add("maillab.app.fallback-host", () -> "");
        r.add("maillab.app.submission.username", () -> "extra1");
        r.add("maillab.app.submission.password-file", MailApiSubmissionTest::passwordFile);
        r.add("maillab.app.submission.port", LAB::submissionPort);
        r.add("maillab.app.submission.ca-file", LAB::caPem);
    }

    private static Path passwordFile() {
        try {
            return Files.writeString(tmp.resolve("password"), WRONG + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefusedLoginIsA502ProblemWithTheServers535AndTheSubmissionPortInItsEvent() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"to":["extra1@example.local"],"subject":"s","body":"b"}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        String relay = "mail.example.local[127.0.0.1]:" + LAB.submissionPort();
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.path("detail").asString())
                .isEqualTo("authentication as extra1 refused by " + relay + ": 535 5.7.8 Error: authentication failed");
        assertThat(problem.path("relay").asString()).isEqualTo(relay);
        assertThat(problem.path("reply").asString()).isEqualTo("535 5.7.8 Error: authentication failed");
        assertThat(r.body()).doesNotContain(WRONG);

        HttpResponse<String> events = get("/api/events?kind=app.send");
        JsonNode event = json.readTree(events.body()).path("events").get(0);
        assertThat(event.path("relay").path("port").asInt()).isEqualTo(LAB.submissionPort());
        assertThat(event.path("reply").asString()).startsWith("535");
        assertThat(events.body()).doesNotContain(WRONG);
        assertThat(LAB.maildir("extra1").resolve("new"))
                .as("nothing delivered")
                .satisfiesAnyOf(
                        dir -> assertThat(dir).doesNotExist(),
                        dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void thePasswordIsInNoAnswerOfTheActuator() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain(WRONG);
        // what would show the settings is not exposed at all
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/configprops").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/prometheus").body()).doesNotContain(WRONG);
    }
}
