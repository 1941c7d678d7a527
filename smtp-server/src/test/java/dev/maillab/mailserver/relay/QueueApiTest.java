package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.RawHttp;
import dev.maillab.testkit.SmtpConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue on smtp-server's HTTP port: listed as mailq lists it, flushed, a message deleted; bad ids are 400
 * problems, unknown ones 404, another site's POST and a foreign Host 403 (the API's guard). The other domain's
 * server stays down, so whatever is sent waits in the queue.
 */
class QueueApiTest {

    @TempDir
    static Path dir;

    static LabDns dns;
    static DomainHost local;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        dns = new LabDns(dir.resolve("zones"));
        port = DomainHost.freePort();
        // retries far apart: only a flush makes another attempt within the test
        local = DomainHost.exampleLocal(
                        dir.resolve("local"),
                        dns,
                        port,
                        "--web",
                        "--maillab.relay.retry-initial=1h",
                        "--maillab.relay.retry-max=1h",
                        "--maillab.relay.max-lifetime=2h")
                .start();
    }

    @AfterAll
    static void stop() {
        local.close();
        dns.close();
    }

    private static String send(String... recipients) throws Exception {
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply =
                    c.sendMail("alice@example.local", List.of(recipients), "Subject: q\r\n\r\nx\r\n");
            assertThat(reply.code()).isEqualTo(250);
            return reply.text().replaceAll(".*queued as ", "");
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.httpPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode entry(String id) throws Exception {
        HttpResponse<String> list = get("/api/queue");
        assertThat(list.statusCode()).isEqualTo(200);
        for (JsonNode node : json.readTree(list.body())) {
            if (node.get("id").asString().equals(id)) {
                return node;
            }
        }
        return null;
    }

    @Test
    void theQueueIsListedFlushedAndEmptiedOverHttp() throws Exception {
        String id = send("bob@example.test", "test@example.test");
        await("the first attempt", () -> {
            try {
                JsonNode e = entry(id);
                return e != null
                        && e.get("attempts").asInt() == 1
                        && !e.get("active").asBoolean();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        JsonNode e = entry(id);
        assertThat(e.get("sender").asString()).isEqualTo("alice@example.local");
        assertThat(e.get("recipients").toString()).isEqualTo("[\"bob@example.test\",\"test@example.test\"]");
        assertThat(e.get("size").asLong()).isPositive();
        assertThat(e.get("age").asLong()).isNotNegative();
        assertThat(e.get("arrival").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(e.get("nextTry").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(e.get("lastError").asString())
                .isEqualTo("connect to mail.example.test[127.0.0.3]:" + port + ": Connection refused");
        assertThat(get("/api/queue/" + id).body()).contains("\"id\":\"" + id + "\"");

        HttpResponse<String> mailq = get("/api/queue/mailq");
        assertThat(mailq.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(mailq.body())
                .startsWith("-Queue ID- ")
                .containsPattern("\n" + id + "\\s+\\d+\\s+\\d+s .* alice@example.local\n")
                .contains("(1 attempt, next at ")
                .contains(": connect to mail.example.test[127.0.0.3]:" + port + ": Connection refused)\n")
                .containsPattern("\n\\s{58}bob@example.test\n\\s{58}test@example.test\n")
                .containsPattern("-- \\d+ Kbytes in \\d+ Requests?\\.\n$");

        HttpResponse<String> flushed = post("/api/queue/flush");
        assertThat(flushed.statusCode()).isEqualTo(202);
        assertThat(json.readTree(flushed.body()).get("flushed").asInt()).isPositive();
        await("the flushed attempt", () -> {
            try {
                JsonNode again = entry(id);
                return again != null && again.get("attempts").asInt() == 2;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });

        assertThat(post("/api/queue/" + id + "/delete").statusCode()).isEqualTo(204);
        assertThat(entry(id)).isNull();
        assertThat(local.queueDirectory().resolve("active").resolve(id + ".env"))
                .doesNotExist();
        HttpResponse<String> again = post("/api/queue/" + id + "/delete");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/api/queue/" + id).statusCode()).isEqualTo(404);
        if (local.queue().size() == 0) {
            assertThat(get("/api/queue/mailq").body()).isEqualTo("Mail queue is empty\n");
        }
    }

    @Test
    void badIdsAreProblemsAndTheServiceGoesOn() throws Exception {
        for (String bad :
                List.of("abc", "A..B", "0123456789ABCDEF0123456789ABCDEF0", "A%2FB", "A%2F..%2FB", "Z", "-1")) {
            HttpResponse<String> r = post("/api/queue/" + bad + "/delete");
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).as(bad).hasValue("application/problem+json");
        }
        assertThat(get("/api/queue/abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/queue/flush").statusCode()).isEqualTo(400);
        assertThat(get("/api/queue").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherSitesPostAndAForeignHostAreRefused() throws Exception {
        String id = send("bob@example.test");
        HttpResponse<String> cross = post("/api/queue/" + id + "/delete", "Origin", "http://evil.example.com");
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(post("/api/queue/flush", "Sec-Fetch-Site", "cross-site").statusCode())
                .isEqualTo(403);
        RawHttp.Response foreign = RawHttp.get(local.httpPort(), "evil.example.com", "/api/queue");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        assertThat(entry(id)).isNotNull();
        assertThat(post("/api/queue/" + id + "/delete").statusCode()).isEqualTo(204);
    }
}
