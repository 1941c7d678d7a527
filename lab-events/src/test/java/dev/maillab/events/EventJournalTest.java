package dev.maillab.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.testkit.TestProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventJournalTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Delivery(String queueId, String user, Integer size, String tls) {}

    static EventsProperties settings(int capacity, String maxMemory, String maxEventSize) {
        return settings(capacity, maxMemory, maxEventSize, Map.of());
    }

    /** The journal's defaults but these, and a rate limit far above what a test records (unless {@code more} says). */
    static EventsProperties settings(int capacity, String maxMemory, String maxEventSize, Map<String, ?> more) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "capacity", capacity, "max-memory", maxMemory, "max-event-size", maxEventSize, "max-rate", 1_000_000));
        settings.putAll(more);
        return TestProperties.bind(EventsProperties.class, settings);
    }

    static EventJournal journal(int capacity) {
        return new EventJournal(settings(capacity, "32MB", "256KB"));
    }

    static JsonNode parse(Event e) {
        return JSON.readTree(e.json());
    }

    @Test
    void anEventIsItsSeqTimeAndKindThenItsOwnFieldsNullsIncluded() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T07:00:00.123456Z"), ZoneOffset.UTC);
        EventJournal journal = new EventJournal(settings(10, "1MB", "1KB"), clock);
        assertThat(journal.record("smtp.delivery", new Delivery("ABC", "test", 42, null)))
                .isEqualTo(1);
        assertThat(journal.record("dns.query", Map.of("name", "a \"quoted\"\nname")))
                .isEqualTo(2);

        List<Event> events = journal.read(0, 10, null).events();
        assertThat(events).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(events.get(0).text())
                .isEqualTo("{\"seq\":1,\"time\":\"2026-12-02T07:00:00.123Z\",\"kind\":\"smtp.delivery\","
                        + "\"queueId\":\"ABC\",\"user\":\"test\",\"size\":42,\"tls\":null}");
        assertThat(parse(events.get(1)).get("name").asString()).isEqualTo("a \"quoted\"\nname");
        // one line: an SSE data line cannot hold a raw line break
        assertThat(events.get(1).text()).doesNotContain("\n");
    }

    @Test
    void fieldsWrittenByTheCallerAreJoinedAsJacksonsWouldBe() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T07:00:00.123456Z"), ZoneOffset.UTC);
        EventJournal journal = new EventJournal(settings(10, "1MB", "1KB"), clock);
        journal.record("dns.query", new Delivery("ABC", "test", 42, null));
        journal.recordJson("dns.query", JSON.writeValueAsBytes(new Delivery("ABC", "test", 42, null)));
        journal.recordJson("app.started", "{}".getBytes(StandardCharsets.UTF_8));

        List<Event> events = journal.read(0, 10, null).events();
        assertThat(events.get(1).text()).isEqualTo(events.get(0).text().replace("\"seq\":1", "\"seq\":2"));
        assertThat(events.get(2).text())
                .isEqualTo("{\"seq\":3,\"time\":\"2026-12-02T07:00:00.123Z\",\"kind\":\"app.started\"}");
    }

    @Test
    void callersJsonThatIsNotOneCompactObjectOnOneLineIsRefused() {
        EventJournal journal = journal(10);
        for (String bad : new String[] {"", "{", "[1]", "{ \"a\":1}", "{\"a\":\n1}", "{\"a\":1}\r"}) {
            assertThatThrownBy(() -> journal.recordJson("dns.query", bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> journal.recordJson("DNS", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(journal.last()).isZero();
    }

    @Test
    void eachEventHasTheTimeItWasRecordedAtToTheMillisecond() {
        long[] now = {Instant.parse("2026-12-02T07:00:00.001Z").toEpochMilli()};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        EventJournal journal = new EventJournal(settings(10, "1MB", "1KB"), clock);
        journal.record("a.b", Map.of());
        journal.record("a.b", Map.of());
        now[0] += 999;
        journal.record("a.b", Map.of());
        now[0] += 1;
        journal.record("a.b", Map.of());

        assertThat(journal.read(0, 10, null).events())
                .extracting(e -> parse(e).get("time").asString())
                .containsExactly(
                        "2026-12-02T07:00:00.001Z",
                        "2026-12-02T07:00:00.001Z",
                        "2026-12-02T07:00:01Z",
                        "2026-12-02T07:00:01.001Z");
    }

    @Test
    void anEventWithoutFieldsIsStillAnObject() {
        EventJournal journal = journal(10);
        journal.record("app.started", Map.of());
        assertThat(parse(journal.read(0, 1, null).events().get(0)).get("kind").asString())
                .isEqualTo("app.started");
    }

    @Test
    void fieldsThatAreNotAnObjectAndBadKindsAreRefused() {
        EventJournal journal = journal(10);
        assertThatThrownBy(() -> journal.record("smtp.delivery", List.of(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.record("SMTP delivery\"", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(journal.last()).isZero();
    }

    @Test
    void theNewestCapacityEventsAreKeptAndSeqsGoOn() {
        EventJournal journal = journal(3);
        for (int i = 1; i <= 7; i++) {
            journal.record(i % 2 == 0 ? "even.one" : "odd.one", Map.of("i", i));
        }
        EventPage all = journal.read(0, 100, null);
        assertThat(all.events()).extracting(Event::seq).containsExactly(5L, 6L, 7L);
        assertThat(all.last()).isEqualTo(7);
        assertThat(journal.size()).isEqualTo(3);
        assertThat(journal.read(5, 100, null).events()).extracting(Event::seq).containsExactly(6L, 7L);
        assertThat(journal.read(7, 100, null).events()).isEmpty();
        assertThat(journal.read(70, 100, null).events()).isEmpty();
        assertThat(journal.read(0, 2, null).events()).extracting(Event::seq).containsExactly(5L, 6L);
        assertThat(journal.read(0, 100, "odd.one").events())
                .extracting(Event::seq)
                .containsExactly(5L, 7L);
    }

    @Test
    void theBytesHeldStayWithinMaxMemory() {
        EventJournal journal = new EventJournal(settings(100_000, "64KB", "1KB"));
        String text = "x".repeat(500);
        for (int i = 0; i < 10_000; i++) {
            journal.record("big.event", Map.of("text", text));
        }
        assertThat(journal.bytes()).isLessThanOrEqualTo(64 * 1024).isGreaterThan(60 * 1024);
        long held = journal.read(0, 5000, null).events().stream()
                .mapToLong(e -> e.json().length)
                .sum();
        assertThat(held).isEqualTo(journal.bytes());
        assertThat(journal.last()).isEqualTo(10_000);
    }

    @Test
    void anEventAboveMaxEventSizeIsKeptAsAStubThatSaysItsSize() {
        EventJournal journal = new EventJournal(settings(10, "1MB", "1KB"));
        char[] text = new char[5000];
        Arrays.fill(text, 'y');
        journal.record("smtp.session", Map.of("transcript", new String(text)));
        JsonNode stub = parse(journal.read(0, 1, null).events().get(0));
        assertThat(stub.get("truncated").asBoolean()).isTrue();
        assertThat(stub.get("size").asInt()).isGreaterThan(5000);
        assertThat(stub.get("kind").asString()).isEqualTo("smtp.session");
        assertThat(stub.has("transcript")).isFalse();
    }

    @Test
    void aDisabledJournalRecordsNothing() {
        EventJournal journal = new EventJournal(settings(10, "1MB", "1KB", Map.of("enabled", false)));
        assertThat(journal.record("smtp.delivery", Map.of("a", 1))).isZero();
        assertThat(journal.read(0, 10, null).events()).isEmpty();
        assertThat(journal.last()).isZero();
    }

    @Test
    void awaitReturnsAsSoonAsAnEventIsRecordedAndEmptyAfterItsTimeout() throws Exception {
        EventJournal journal = journal(10);
        journal.record("old.one", Map.of());
        assertThat(journal.await(1, 10, Duration.ofMillis(50))).isEmpty();

        CompletableFuture<List<Event>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return journal.await(1, 10, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        journal.record("new.one", Map.of());
        assertThat(waiting.get(5, TimeUnit.SECONDS)).extracting(Event::seq).containsExactly(2L);
    }

    @Test
    void recordingFromManyThreadsLosesNoSeqAndKeepsTheRingInOrder() throws Exception {
        EventJournal journal = journal(100_000);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    journal.record("load.test", Map.of("thread", id, "i", i));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Event> all = journal.read(0, 5000, null).events();
        assertThat(journal.last()).isEqualTo(16_000);
        assertThat(all)
                .extracting(Event::seq)
                .isSorted()
                .doesNotHaveDuplicates()
                .hasSize(5000);
        for (Event e : all) {
            assertThat(parse(e).get("seq").asLong()).isEqualTo(e.seq());
        }
    }

    @Test
    void aboveMaxRateEventsAreCountedAndTheNextSecondSaysHowMany() throws Exception {
        EventJournal journal = new EventJournal(settings(100, "1MB", "1KB", Map.of("max-rate", 5)));
        int made = 0;
        for (int i = 0; i < 20; i++) {
            int n = i;
            if (journal.recordJson("dns.query", () -> ("{\"i\":" + n + "}").getBytes(StandardCharsets.UTF_8)) > 0) {
                made++;
            }
        }
        assertThat(made)
                .as("recorded within the first second")
                .isLessThanOrEqualTo(5)
                .isPositive();
        assertThat(journal.dropped()).isEqualTo(20 - made);
        Thread.sleep(1100);
        journal.record("dns.query", Map.of("i", 20));
        List<Event> events = journal.read(0, 100, null).events();
        Event marker = events.get(events.size() - 2);
        assertThat(marker.kind()).isEqualTo("events.dropped");
        assertThat(parse(marker).get("dropped").asLong()).isEqualTo(20 - made);
        assertThat(parse(marker).get("maxRate").asInt()).isEqualTo(5);
        assertThat(events.get(events.size() - 1).kind()).isEqualTo("dns.query");
    }

    @Test
    void aDroppedEventsFieldsAreNeverMade() {
        EventJournal journal = new EventJournal(settings(100, "1MB", "1KB", Map.of("max-rate", 1)));
        int[] made = new int[1];
        for (int i = 0; i < 10; i++) {
            journal.recordJson("dns.query", () -> {
                made[0]++;
                return "{}".getBytes(StandardCharsets.UTF_8);
            });
        }
        assertThat(made[0]).isEqualTo(1);
    }
}
