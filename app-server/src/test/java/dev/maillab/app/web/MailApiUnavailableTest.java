package dev.maillab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.testsupport.ScriptableSmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing listens where the mail should go: 503 problem+json after the bounded retries, and one app.send that
 * says why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailApiUnavailableTest {

    static final int NO_SMTP = ScriptableSmtpServer.closedPort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
        r.add("maillab.app.fallback-host", () -> "127.0.0.1:" + NO_SMTP);
        r.add("maillab.app.retry.max-attempts", () -> "2");
        r.add("maillab.app.retry.initial-backoff", () -> "50ms");
    }

    @LocalServerPort
    int port;

    @Test
    void aMailServerThatCannotBeReachedIsA503Problem() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"to":["test@example.local"],"subject":"s","body":"x"}"""))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"status\":503").contains("after 2 attempt(s)");

        HttpResponse<String> events = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events?kind=app.send"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode sends = JsonMapper.builder().build().readTree(events.body()).get("events");
        assertThat(sends.size()).isEqualTo(1);
        JsonNode e = sends.get(0);
        assertThat(e.get("error").asString()).contains("after 2 attempt(s)").contains("Connection refused");
        // the refused connection: the host tried, no reply from it; the failed MX lookup of each attempt
        assertThat(e.get("relay").get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(e.get("relay").get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(e.get("relay").get("port").asInt()).isEqualTo(NO_SMTP);
        assertThat(e.get("reply").isNull()).isTrue();
        assertThat(e.get("queueId").isNull()).isTrue();
        assertThat(e.get("lookups").size()).isEqualTo(2);
        for (JsonNode lookup : e.get("lookups")) {
            assertThat(lookup.get("name").asString()).isEqualTo("example.local.");
            assertThat(lookup.get("type").asString()).isEqualTo("MX");
            assertThat(lookup.get("answers").size()).isZero();
        }
    }
}
