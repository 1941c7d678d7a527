package dev.maillab.console.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/** {@code /events}: the services' events relayed live, replayed after a console event number, bad numbers 400. */
class EventStreamTest extends ConsoleTest {

    @Autowired
    UpstreamStreams upstream;

    @Autowired
    EventHub hub;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aDeliveryOnSmtpServersStreamReachesTheBrowsersStream() throws Exception {
        awaitConnected();
        HttpResponse<Stream<String>> r = open("/events", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        Iterator<String> lines = r.body().iterator();
        ObjectNode f = FakeService.fields();
        f.put("queueId", "STREAM1");
        f.put("messageId", "<stream-1@example.local>");
        f.put("user", "test");
        LAB.smtp.publish("smtp.delivery", f);
        String data = frameOf(lines, "smtp.delivery");
        assertThat(data).contains("\"queueId\":\"STREAM1\"", "\"messageId\":\"<stream-1@example.local>\"");
        r.body().close();
    }

    @Test
    void aStreamStartedAfterAnEventNumberGetsWhatCameSince() throws Exception {
        awaitConnected();
        long before = hub.last();
        ObjectNode f = FakeService.fields();
        f.put("name", "replayed.example.");
        f.put("type", "A");
        LAB.dns.publish("dns.query", f);
        await().atMost(60, TimeUnit.SECONDS).until(() -> hub.last() > before);
        HttpResponse<Stream<String>> r = open("/events?after=" + before, null);
        assertThat(frameOf(r.body().iterator(), "dns.query")).contains("replayed.example.");
        r.body().close();
        // Last-Event-ID (an EventSource reconnecting) wins over after
        HttpResponse<Stream<String>> again = open("/events?after=999999999", Long.toString(before));
        assertThat(frameOf(again.body().iterator(), "dns.query")).contains("replayed.example.");
        again.body().close();
    }

    @Test
    void aStreamFromAnEventNumberTheConsoleNeverHadIsToldToReload() throws Exception {
        HttpResponse<Stream<String>> r = open("/events?after=" + (hub.last() + 1000), null);
        frameOf(r.body().iterator(), BrowserStreams.RESET);
        r.body().close();
    }

    @Test
    void aPositionThatIsNotANumberIsA400Problem() throws Exception {
        HttpResponse<String> r = console().get("/events?after=abc", "text/event-stream");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"status\":400", "console event number");
    }

    @Test
    void anEventOlderThanTheConsoleIsNotRelayedTheNextOneIs() throws Exception {
        // the first connection to a service replays all it holds (so what it recorded before answering is not
        // lost); what is older than the console every page already shows
        awaitConnected();
        long before = hub.last();
        ObjectNode old = FakeService.fields();
        old.put("name", "old.example.");
        LAB.dns.publish("dns.query", java.time.Instant.parse("2020-01-01T00:00:00Z"), old);
        ObjectNode now = FakeService.fields();
        now.put("name", "now.example.");
        LAB.dns.publish("dns.query", now);
        await().atMost(60, TimeUnit.SECONDS).until(() -> hub.last() > before);
        HttpResponse<Stream<String>> r = open("/events?after=" + before, null);
        String data = frameOf(r.body().iterator(), "dns.query");
        assertThat(data).contains("now.example.").doesNotContain("old.example.");
        r.body().close();
    }

    private void awaitConnected() {
        await().atMost(60, TimeUnit.SECONDS)
                .until(() -> upstream.states().stream().allMatch(UpstreamStreams.State::connected));
    }

    private HttpResponse<Stream<String>> open(String path, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).get(60, TimeUnit.SECONDS);
    }

    /** Reads frames until one of this kind; its data line. */
    private static String frameOf(Iterator<String> lines, String kind) throws Exception {
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            boolean ours = false;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.equals("event:" + kind) || line.equals("event: " + kind)) {
                    ours = true;
                } else if (ours && line.startsWith("data:")) {
                    return line.substring(5).strip();
                } else if (line.isEmpty()) {
                    ours = false;
                }
            }
            throw new AssertionError("the stream ended before a " + kind + " event");
        });
        return found.get(60, TimeUnit.SECONDS);
    }
}
