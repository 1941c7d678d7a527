package dev.maillab.dns.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import dev.maillab.events.StreamSlots;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/events/stream} as the console's reader uses it: java.net.http on a real socket, the frames read as
 * they arrive.
 */
class EventStreamTest {

    private static final Duration PING = Duration.ofMillis(300);

    @TempDir
    static Path dir;

    static RunningDnsServer server;

    @BeforeAll
    static void start() {
        server = RunningDnsServer.start(
                TestZones.copyInto(dir).namedConf(), "--maillab.events.ping-interval=" + PING.toMillis() + "ms");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void helloFirstThenEachAnswerAsItIsSent() throws Exception {
        try (Stream stream = Stream.open(null)) {
            assertThat(stream.response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(stream.frame()).isEqualTo(": hello");

            server.ask(false, "example.local.", Type.MX);

            String frame = stream.event();
            String[] lines = frame.split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[0]).matches("id: \\d+");
            assertThat(lines[1]).isEqualTo("event: dns.query");
            assertThat(lines[2]).startsWith("data: {");
            JsonNode data = RunningDnsServer.JSON.readTree(lines[2].substring("data: ".length()));
            assertThat(data.get("seq").asLong()).isEqualTo(Long.parseLong(lines[0].substring(4)));
            assertThat(data.get("kind").asString()).isEqualTo("dns.query");
            assertThat(data.get("name").asString()).isEqualTo("example.local.");
            assertThat(data.get("type").asString()).isEqualTo("MX");
        }
    }

    @Test
    void aQuietStreamPings() throws Exception {
        try (Stream stream = Stream.open(null)) {
            assertThat(stream.frame()).isEqualTo(": hello");
            assertThat(stream.frame()).isEqualTo(": ping");
        }
    }

    @Test
    void aReaderThatReconnectsWithLastEventIdGetsWhatItMissed() throws Exception {
        long seen;
        try (Stream stream = Stream.open(null)) {
            stream.frame(); // hello
            server.ask(false, "ns.example.local.", Type.A);
            seen = Stream.id(stream.event());
        }
        server.ask(false, "mail.example.local.", Type.A);
        server.ask(true, "client.example.local.", Type.A);
        server.ask(false, "example.local.", Type.TXT);
        EventsApiTest.await(server, seen, 3);

        try (Stream again = Stream.open(String.valueOf(seen))) {
            assertThat(again.frame()).isEqualTo(": hello");
            List<String> names = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String frame = again.event();
                ids.add(Stream.id(frame));
                names.add(Stream.data(frame).get("name").asString());
            }
            assertThat(ids).containsExactly(seen + 1, seen + 2, seen + 3);
            // in the order recorded: each transport thread records after sending, so UDP and TCP may swap
            assertThat(names)
                    .containsExactlyInAnyOrder("mail.example.local.", "client.example.local.", "example.local.");
        }
    }

    @Test
    void theStreamAfterMaxStreamsIs503AndAClosedStreamFreesItsSlot() throws Exception {
        StreamSlots slots = server.context().getBean(StreamSlots.class);
        int max = 32; // maillab.events.max-streams' default
        awaitThat(() -> slots.free() == max, "no stream of another test still holds a slot");
        List<Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                Stream stream = Stream.open(null);
                open.add(stream);
                assertThat(stream.frame()).isEqualTo(": hello");
            }
            assertThat(slots.free()).isZero();

            HttpResponse<String> refused =
                    server.http().send(request(server, null), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("max-streams");

            open.remove(0).close();
            awaitThat(() -> slots.free() == 1, "the closed stream's slot is given back");
            try (Stream next = Stream.open(null)) {
                assertThat(next.frame()).isEqualTo(": hello");
            }
        } finally {
            open.forEach(Stream::close);
        }
        awaitThat(() -> slots.free() == max, "every slot is given back");
    }

    private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static HttpRequest request(RunningDnsServer server, String lastEventId) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri("/api/events/stream")).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }

    /** One open stream; a thread of its own reads its lines as they come. */
    static final class Stream implements AutoCloseable {

        final HttpResponse<InputStream> response;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader;

        private Stream(HttpResponse<InputStream> response) {
            this.response = response;
            this.reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(String lastEventId) throws Exception {
            return open(server, lastEventId);
        }

        static Stream open(RunningDnsServer server, String lastEventId) throws Exception {
            HttpResponse<InputStream> response =
                    server.http().send(request(server, lastEventId), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            return new Stream(response);
        }

        /** The next frame's lines (up to the blank line that ends it). */
        String frame() throws InterruptedException {
            StringBuilder frame = new StringBuilder();
            while (true) {
                String line = lines.poll(5, TimeUnit.SECONDS);
                assertThat(line).as("a line within 5 s; so far: " + frame).isNotNull();
                if (line.isEmpty()) {
                    return frame.toString();
                }
                frame.append(frame.isEmpty() ? "" : "\n").append(line);
            }
        }

        /** The next frame that is an event (pings skipped). */
        String event() throws InterruptedException {
            String frame;
            do {
                frame = frame();
            } while (frame.equals(": ping"));
            return frame;
        }

        static long id(String frame) {
            assertThat(frame).startsWith("id: ");
            return Long.parseLong(frame.substring(4, frame.indexOf('\n')));
        }

        static JsonNode data(String frame) {
            return RunningDnsServer.JSON.readTree(frame.substring(frame.indexOf("data: ") + 6));
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // going away anyway
            }
            reader.interrupt();
        }
    }
}
