package dev.maillab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.testsupport.ScriptableSmtpServer;
import dev.maillab.testkit.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Clients that send their body a byte at a time, each byte well within Tomcat's read timeout, as many as there are
 * Tomcat threads: without a deadline for the whole body they would hold every thread for ever. With it, each gets
 * 408 after the deadline and the API answers again.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.tomcat.threads.max=2",
            "server.tomcat.threads.min-spare=1",
            "server.tomcat.connection-timeout=5s",
            "maillab.app.limits.request-read-timeout=2s"
        })
@Timeout(120)
class SlowClientTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
        r.add("maillab.app.fallback-host", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
    }

    @LocalServerPort
    int port;

    @Test
    void slowBodiesOnEveryThreadAreCutOffAndTheApiAnswersAgain() throws Exception {
        List<CompletableFuture<RawHttp.Response>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(CompletableFuture.supplyAsync(this::trickle));
        }
        Thread.sleep(500); // both threads are now reading a body
        long start = System.nanoTime();
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        for (CompletableFuture<RawHttp.Response> f : slow) {
            RawHttp.Response r = f.get();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        }
    }

    /** A 10 000-byte body, one byte every 300 ms: every read is quick, the whole would take 50 minutes. */
    private RawHttp.Response trickle() {
        try (RawHttp c = new RawHttp(port, 30_000)) {
            c.head("Content-Length: 10000");
            c.write("{".getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 9_999 && !answer.isDone(); i++) {
                Thread.sleep(300);
                try {
                    c.write(" ".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    break;
                }
            }
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
