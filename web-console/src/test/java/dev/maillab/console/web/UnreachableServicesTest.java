package dev.maillab.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maillab.console.events.BrowserStreams;
import dev.maillab.console.events.UpstreamStreams;
import dev.maillab.console.testsupport.ConsoleHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** All three services down (closed ports): every page still renders and says which one is unreachable. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"maillab.console.max-streams=2", "maillab.console.stream-timeout=3s"})
class UnreachableServicesTest {

    @DynamicPropertySource
    static void nothingListens(DynamicPropertyRegistry r) {
        r.add("maillab.console.dns-url", () -> "http://127.0.0.1:" + closedPort());
        r.add("maillab.console.smtp-url", () -> "http://127.0.0.1:" + closedPort());
        r.add("maillab.console.app-url", () -> "http://127.0.0.1:" + closedPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    UpstreamStreams upstream;

    @Autowired
    BrowserStreams browserStreams;

    @Test
    void thePagesSayWhichServiceIsUnreachable() throws Exception {
        ConsoleHttp c = new ConsoleHttp(port);
        for (String url : List.of("/", "/mailboxes/test", "/mailboxes/test/messages/1700000000.M1P1Q1.mail")) {
            HttpResponse<String> r = c.page(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            assertThat(r.body()).as(url).contains("smtp-server unreachable: connection refused at 127.0.0.1:");
        }
        HttpResponse<String> dns = c.page("/dns");
        assertThat(dns.statusCode()).isEqualTo(200);
        assertThat(dns.body()).contains("dns-server unreachable");
        String journey = c.page("/journey?queueId=ABC123").body();
        assertThat(journey).contains("app-server unreachable", "smtp-server unreachable", "dns-server unreachable");
    }

    @Test
    void theLayoutShowsEachServicesStreamAsUnreachable() throws Exception {
        await().atMost(60, TimeUnit.SECONDS)
                .until(() -> upstream.states().stream()
                        .allMatch(s -> s.detail() != null && s.detail().contains("refused")));
        String page = new ConsoleHttp(port).page("/send").body();
        assertThat(page).contains("dns-server unreachable", "smtp-server unreachable", "app-server unreachable");
    }

    @Test
    void anActionOrDownloadThatNeedsTheServiceIsA502SayingUnreachable() throws Exception {
        ConsoleHttp c = new ConsoleHttp(port);
        HttpResponse<String> send = c.postForm("/send", Map.of("to", "test@example.local", "subject", "s"));
        assertThat(send.statusCode()).isEqualTo(502);
        assertThat(send.body()).contains("app-server unreachable");
        HttpResponse<String> raw = c.page("/mailboxes/test/messages/1700000000.M1P1Q1.mail/raw");
        assertThat(raw.statusCode()).isEqualTo(502);
        assertThat(raw.body()).contains("smtp-server unreachable");
        HttpResponse<String> delete =
                c.postForm("/mailboxes/test/messages/1700000000.M1P1Q1.mail/delete", Map.of("confirm", "yes"));
        assertThat(delete.statusCode()).isEqualTo(502);
        assertThat(delete.body()).contains("smtp-server unreachable");
    }

    @Test
    void moreEventStreamsThanAllowedGet503() throws Exception {
        // streams of the other tests end within the stream timeout
        await().atMost(60, TimeUnit.SECONDS).until(() -> browserStreams.open() == 0);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                HttpResponse<Stream<String>> r = http.sendAsync(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofLines())
                        .get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                open.add(r);
            }
            HttpResponse<String> third = new ConsoleHttp(port).get("/events", null);
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.body()).contains("event streams are open");
        } finally {
            open.forEach(r -> r.body().close());
        }
    }

    @Test
    void aStreamEndsCleanlyAfterTheStreamTimeout() throws Exception {
        await().atMost(60, TimeUnit.SECONDS).until(() -> browserStreams.open() == 0);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<Stream<String>> r = http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        // the body ends (the browser would reconnect) and nothing but SSE was written into it
        List<String> lines =
                CompletableFuture.supplyAsync(() -> r.body().toList()).get(90, TimeUnit.SECONDS);
        assertThat(lines).isNotEmpty().allMatch(l -> l.isEmpty() || l.startsWith(":"));
        await().atMost(60, TimeUnit.SECONDS).until(() -> browserStreams.open() == 0);
    }

    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
