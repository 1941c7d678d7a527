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

/** Nothing listens where the mail should go: 503 problem+json after the bounded retries. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailApiUnavailableTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
        r.add("maillab.app.fallback-host", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
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
    }
}
