package dev.maillab.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maillab.app.testsupport.ScriptableSmtpServer;
import dev.maillab.app.testsupport.SseClient;
import dev.maillab.events.StreamSlots;
import dev.maillab.testkit.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events API over real sockets: pages and their bad parameters, the live stream (a send seen as it happens,
 * resumed with Last-Event-ID, alive past MVC's async request timeout, bounded by max-streams and given back when the
 * reader leaves), and the loopback-only POST. Mail goes to a real SMTP server through the fallback host.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class EventsHttpTest {

    static final ScriptableSmtpServer SMTP = new ScriptableSmtpServer();
    static final int MAX_STREAMS = 2;
    static final int MAX_EVENT_SIZE = 2048;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
        r.add("maillab.app.fallback-host", () -> "127.0.0.1:" + SMTP.port());
        r.add("maillab.app.retry.max-attempts", () -> "1");
        r.add("maillab.events.max-streams", () -> MAX_STREAMS);
        r.add("maillab.events.ping-interval", () -> "200ms");
        r.add("maillab.events.max-event-size", () -> MAX_EVENT_SIZE + "B");
        r.add("maillab.events.max-page", () -> "50");
        // a stream must outlive this: it is not MVC's async timeout that ends it
        r.add("spring.mvc.async.request-timeout", () -> "1s");
        // ... nor Tomcat's read timeout, which a stream whose reader only reads would otherwise meet
        r.add("server.tomcat.connection-timeout", () -> "1s");
        // Tomcat takes X-Forwarded-For from a loopback proxy as the peer: how a request from elsewhere is made here
        r.add("server.forward-headers-strategy", () -> "native");
    }

    @AfterAll
    static void stop() {
        SMTP.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    StreamSlots slots;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<SseClient> streams = new ArrayList<>();

    @AfterEach
    void leave() throws Exception {
        for (SseClient s : streams) {
            s.close();
        }
        // every slot is back before the next test counts them
        await().atMost(Duration.ofSeconds(10)).until(() -> slots.free() == MAX_STREAMS);
    }

    private SseClient stream(String lastEventId) throws Exception {
        SseClient s = new SseClient(port, lastEventId, 10_000);
        streams.add(s);
        return s;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One mail through POST /api/mail; its Message-ID. */
    private String sendMail(String subject) throws Exception {
        HttpResponse<String> r = post(
                "/api/mail",
                "application/json",
                json.writeValueAsString(
                        java.util.Map.of("to", List.of("test@example.local"), "subject", subject, "body", "b")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("messageId").asString();
    }

    private JsonNode events(String query) throws Exception {
        HttpResponse<String> r = get("/api/events" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return json.readTree(r.body());
    }

    private static String appSend(String source, String messageId) {
        return """
                {"kind":"app.send","source":"%s","messageId":"%s","from":"app@example.local",
                 "to":["test@example.local"],"subject":"s",
                 "lookups":[{"name":"example.local.","type":"MX","answers":["10 mail.example.local."]}],
                 "relay":{"host":"mail.example.local","address":"127.0.0.1","port":2525},
                 "reply":"250 2.0.0 Ok: queued as ABC1","queueId":"ABC1","millis":12,"error":null}""".formatted(source, messageId);
    }

    @Test
    void aPageHoldsTheSendsAndAfterLeavesOutWhatWasSeen() throws Exception {
        String id = sendMail("paged");
        JsonNode page = events("?kind=app.send");
        JsonNode last = page.get("events").get(page.get("events").size() - 1);
        assertThat(last.get("messageId").asString()).isEqualTo(id);
        assertThat(last.get("kind").asString()).isEqualTo("app.send");
        long seq = last.get("seq").asLong();
        assertThat(page.get("last").asLong()).isGreaterThanOrEqualTo(seq);
        JsonNode after = events("?after=" + seq + "&limit=10");
        assertThat(after.get("events").size()).isZero();
        assertThat(after.get("last").asLong()).isEqualTo(seq);
        assertThat(events("?after=" + (seq - 1) + "&limit=1")
                        .get("events")
                        .get(0)
                        .get("seq")
                        .asLong())
                .isEqualTo(seq);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?after=-1", "?after=x", "?limit=0", "?limit=51", "?limit=", "?kind=App.Send"})
    void aBadQueryIsA400Problem(String query) throws Exception {
        HttpResponse<String> r = get("/api/events" + query);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("detail").asString()).containsAnyOf("after", "limit", "kind");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void theStreamShowsASendAsItHappensAndResumesAfterLastEventId() throws Exception {
        SseClient live = stream(null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.header("Content-Type")).startsWith("text/event-stream");
        assertThat(live.next().comment()).isEqualTo("hello");
        String id = sendMail("live");
        SseClient.Frame frame = live.nextEvent();
        assertThat(frame.event()).isEqualTo("app.send");
        JsonNode data = json.readTree(frame.data());
        assertThat(data.get("messageId").asString()).isEqualTo(id);
        assertThat(data.get("seq").asString()).isEqualTo(frame.id());
        live.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> slots.free() == MAX_STREAMS);

        // a reader that saw up to the one before gets it again; one that saw it gets only what follows
        long seq = Long.parseLong(frame.id());
        SseClient before = stream(Long.toString(seq - 1));
        assertThat(before.next().comment()).isEqualTo("hello");
        assertThat(before.nextEvent().id()).isEqualTo(frame.id());
        SseClient seen = stream(" " + seq + " ");
        assertThat(seen.next().comment()).isEqualTo("hello");
        String next = sendMail("after resume");
        SseClient.Frame following = seen.nextEvent();
        assertThat(following.id()).isEqualTo(Long.toString(seq + 1));
        assertThat(json.readTree(following.data()).get("messageId").asString()).isEqualTo(next);
    }

    @Test
    void aStreamOutlivesTheAsyncRequestAndConnectionTimeoutsWithPings() throws Exception {
        SseClient s = stream(null);
        assertThat(s.next().comment()).isEqualTo("hello");
        long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        int pings = 0;
        while (System.nanoTime() < end) {
            SseClient.Frame f = s.next();
            if ("ping".equals(f.comment())) {
                pings++;
            }
        }
        assertThat(pings).isGreaterThanOrEqualTo(5);
        String id = sendMail("after 2.5 s");
        assertThat(json.readTree(s.nextEvent().data()).get("messageId").asString())
                .isEqualTo(id);
    }

    @Test
    void pastMaxStreamsIs503AndAReaderThatLeavesGivesItsSlotBack() throws Exception {
        SseClient first = stream(null);
        SseClient second = stream(null);
        assertThat(first.next().comment()).isEqualTo("hello");
        assertThat(second.next().comment()).isEqualTo("hello");
        assertThat(slots.free()).isZero();

        SseClient third = stream(null);
        assertThat(third.status()).isEqualTo(503);
        assertThat(third.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(third.header("Retry-After")).isEqualTo("5");
        assertThat(json.readTree(third.body()).get("detail").asString()).contains("max-streams");

        first.close();
        // the stream's next ping fails to be written: its thread ends and gives the slot back
        await().atMost(Duration.ofSeconds(5)).until(() -> slots.free() == 1);
        SseClient again = stream(null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.next().comment()).isEqualTo("hello");
    }

    @Test
    void aBadLastEventIdIsA400ProblemAndTakesNoSlot() throws Exception {
        SseClient s = stream("yesterday");
        assertThat(s.status()).isEqualTo(400);
        assertThat(s.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json.readTree(s.body()).get("detail").asString()).contains("Last-Event-ID");
        assertThat(slots.free()).isEqualTo(MAX_STREAMS);
    }

    @Test
    void aPostedAppSendFromLoopbackIsRecordedAs202() throws Exception {
        HttpResponse<String> r =
                post("/api/events", "application/json", appSend("command", "<posted-1@example.local>"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        long seq = json.readTree(r.body()).get("seq").asLong();
        JsonNode e = events("?after=" + (seq - 1)).get("events").get(0);
        assertThat(e.get("seq").asLong()).isEqualTo(seq);
        assertThat(e.get("kind").asString()).isEqualTo("app.send");
        assertThat(e.get("source").asString()).isEqualTo("command");
        assertThat(e.get("messageId").asString()).isEqualTo("<posted-1@example.local>");
        assertThat(e.get("lookups").get(0).get("answers").get(0).asString()).isEqualTo("10 mail.example.local.");
        assertThat(e.get("relay").get("port").asInt()).isEqualTo(2525);
        assertThat(e.get("error").isNull()).isTrue();
    }

    @Test
    void aPostFromAnotherMachineIs403AndNothingIsRecorded() throws Exception {
        long before = events("").get("last").asLong();
        HttpResponse<String> r = post(
                "/api/events",
                "application/json",
                appSend("command", "<posted-2@example.local>"),
                "X-Forwarded-For",
                "192.0.2.7");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(r.body()).get("detail").asString()).contains("192.0.2.7");
        assertThat(events("").get("last").asLong()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[1,2]",
                "{\"kind\":\"smtp.delivery\"}",
                "not json",
                "{\"kind\":\"app.send\"}",
                // an unknown field, a missing one, a wrong source, a wrong type, a duplicate, trailing data
                "{\"kind\":\"app.send\",\"source\":\"api\",\"messageId\":\"<a@b>\",\"from\":\"a@b\",\"to\":[\"c@d\"],"
                        + "\"subject\":\"s\",\"lookups\":[],\"relay\":null,\"reply\":null,\"queueId\":null,"
                        + "\"millis\":1,\"error\":\"x\",\"extra\":1}",
                "{\"kind\":\"app.send\",\"source\":\"api\",\"messageId\":\"<a@b>\",\"from\":\"a@b\",\"to\":[\"c@d\"],"
                        + "\"subject\":\"s\",\"lookups\":[],\"relay\":null,\"reply\":null,\"queueId\":null,"
                        + "\"error\":\"x\"}",
                "{\"kind\":\"app.send\",\"source\":\"cron\",\"messageId\":\"<a@b>\",\"from\":\"a@b\",\"to\":[\"c@d\"],"
                        + "\"subject\":\"s\",\"lookups\":[],\"relay\":null,\"reply\":null,\"queueId\":null,"
                        + "\"millis\":1,\"error\":\"x\"}",
                "{\"kind\":\"app.send\",\"source\":\"api\",\"messageId\":\"<a@b>\",\"from\":\"a@b\",\"to\":\"c@d\","
                        + "\"subject\":\"s\",\"lookups\":[],\"relay\":null,\"reply\":null,\"queueId\":null,"
                        + "\"millis\":1,\"error\":\"x\"}",
                "{\"kind\":\"app.send\",\"kind\":\"app.send\"}",
                "{\"kind\":\"app.send\",\"source\":\"api\",\"messageId\":\"<a@b>\",\"from\":\"a@b\",\"to\":[\"c@d\"],"
                        + "\"subject\":\"s\",\"lookups\":[],\"relay\":null,\"reply\":null,\"queueId\":null,"
                        + "\"millis\":1,\"error\":\"x\"} {}"
            })
    void whatIsNotAnAppSendEventIsA400Problem(String body) throws Exception {
        long before = events("").get("last").asLong();
        HttpResponse<String> r = post("/api/events", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(r.body()).get("detail").asString()).isNotBlank();
        assertThat(events("").get("last").asLong()).isEqualTo(before);
    }

    @Test
    void aPostedEventMustBeJson() throws Exception {
        HttpResponse<String> r = post("/api/events", "text/plain", appSend("command", "<posted-3@example.local>"));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anEventAboveMaxEventSizeIs413DeclaredOrChunked() throws Exception {
        String big = appSend("command", "<" + "x".repeat(MAX_EVENT_SIZE) + "@example.local>");
        HttpResponse<String> declared = post("/api/events", "application/json", big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(declared.body()).get("detail").asString()).contains("max-event-size");

        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        try (RawHttp raw = new RawHttp(port, 10_000)) {
            raw.write(("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int off = 0; off < bytes.length; off += 500) {
                raw.chunk(bytes, off, Math.min(500, bytes.length - off));
            }
            raw.lastChunk();
            RawHttp.Response r = raw.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void underAForeignHostNameTheApisAre403() throws Exception {
        // a page that rebinds its own name to 127.0.0.1 must not send mail or read events from its visitor's browser
        assertThat(RawHttp.get(port, "evil.example.com", "/api/events").status())
                .isEqualTo(403);
        RawHttp.Response mail = RawHttp.get(port, "evil.example.com:" + port, "/api/mail");
        assertThat(mail.status()).isEqualTo(403);
        assertThat(mail.header("Content-Type")).startsWith("application/problem+json");
        assertThat(RawHttp.get(port, "app-server.example.local", "/api/events").status())
                .isEqualTo(200);
    }
}
