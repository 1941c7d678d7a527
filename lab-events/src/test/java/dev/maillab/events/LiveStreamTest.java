package dev.maillab.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.TestProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveStreamTest {

    static EventJournal journal() {
        return new EventJournal(TestProperties.bind(
                EventsProperties.class,
                Map.of(
                        "capacity",
                        100,
                        "max-memory",
                        "1MB",
                        "max-event-size",
                        "16KB",
                        "ping-interval",
                        "200ms",
                        "max-streams",
                        2)));
    }

    @Test
    void helloThenTheEventsAfterTheStartThenPingsWhileNothingHappens() throws Exception {
        EventJournal journal = journal();
        journal.record("dns.query", Map.of("name", "before."));
        LiveStream stream = new LiveStream(journal, journal.last(), Duration.ofMillis(200));
        assertThat(text(stream.next())).isEqualTo(": hello\n\n");
        journal.record("dns.query", Map.of("name", "after."));
        assertThat(text(stream.next()))
                .startsWith("id: 2\nevent: dns.query\ndata: {\"seq\":2,")
                .contains("\"name\":\"after.\"")
                .endsWith("}\n\n");
        long t0 = System.nanoTime();
        assertThat(text(stream.next())).isEqualTo(": ping\n\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aStreamThatResumesGetsWhatCameInBetween() throws Exception {
        EventJournal journal = journal();
        for (int i = 0; i < 5; i++) {
            journal.record("smtp.delivery", Map.of("i", i));
        }
        LiveStream stream = new LiveStream(journal, EventQuery.streamStart("3", journal), Duration.ofMillis(200));
        stream.next();
        assertThat(text(stream.next())).startsWith("id: 4\n").contains("\n\nid: 5\n");
    }

    @Test
    void writeToEndsWhenTheReaderGoesAway() throws Exception {
        EventJournal journal = journal();
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        List<Throwable> ended = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                new LiveStream(journal, 0, Duration.ofMillis(50)).writeTo(out);
            } catch (IOException e) {
                ended.add(e);
            }
        });
        writer.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo(": hello");
        journal.record("pop3.session", Map.of("user", "test"));
        assertThat(lines.readLine()).isEmpty();
        assertThat(lines.readLine()).isEqualTo("id: 1");
        in.close();
        writer.join(5000);
        assertThat(writer.isAlive()).isFalse();
        assertThat(ended).hasSize(1);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
