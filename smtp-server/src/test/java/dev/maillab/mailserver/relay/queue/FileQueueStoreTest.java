package dev.maillab.mailserver.relay.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue on disk: entries as written, replaced envelopes, and what opening it makes of a crash's leftovers. */
class FileQueueStoreTest {

    @TempDir
    Path dir;

    static final Instant ARRIVAL = Instant.parse("2026-12-01T10:00:00Z");

    static Envelope envelope(String id, String... recipients) {
        return Envelope.arrived(id, "alice@example.local", List.of(recipients), ARRIVAL, 5);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEntryIsItsContentAndItsEnvelopeUntilRemoved() throws Exception {
        FileQueueStore store = FileQueueStore.open(dir);
        store.add(envelope("A1", "bob@example.test", "test@example.test"), bytes("hello"));
        try (InputStream in = store.open("A1")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("hello"));
        }
        assertThat(store.list()).containsExactly(envelope("A1", "bob@example.test", "test@example.test"));
        assertThatThrownBy(() -> store.add(envelope("A1", "x@example.test"), bytes("again")))
                .isInstanceOf(FileAlreadyExistsException.class);

        Envelope later = envelope("A1", "test@example.test")
                .deferred(
                        ARRIVAL.plusSeconds(10), "connect to mail.example.test[127.0.0.3]:25: Connection refused\r\nX");
        store.update(later);
        Envelope read = FileQueueStore.open(dir).list().get(0);
        assertThat(read.recipients()).containsExactly("test@example.test");
        assertThat(read.attempts()).isEqualTo(1);
        assertThat(read.nextTry()).isEqualTo(ARRIVAL.plusSeconds(10));
        // one line per field, whatever the reply held
        assertThat(read.lastError()).isEqualTo("connect to mail.example.test[127.0.0.3]:25: Connection refused??X");

        assertThat(store.remove("A1")).isTrue();
        assertThat(store.remove("A1")).isFalse();
        assertThat(store.list()).isEmpty();
        try (var files = Files.list(dir.resolve("active"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void openingAfterACrashKeepsWholeEntriesDropsHalfWrittenOnesAndSetsAsideUnreadableOnes() throws Exception {
        FileQueueStore store = FileQueueStore.open(dir);
        store.add(envelope("B1", "bob@example.test"), bytes("whole"));
        Path active = dir.resolve("active");
        // a crash between the two renames of an add (never acknowledged), or in a removal after the envelope went
        Files.write(active.resolve("B2.msg"), bytes("half"));
        // a crash before the renames
        Files.write(dir.resolve("tmp").resolve("B3.msg.7"), bytes("tmp"));
        Files.write(dir.resolve("tmp").resolve("B3.env.8"), bytes("version: 1\n"));
        // an envelope that is no envelope
        Files.write(active.resolve("B4.msg"), bytes("content"));
        Files.write(active.resolve("B4.env"), bytes("version: 1\nid: B4\n"));

        FileQueueStore reopened = FileQueueStore.open(dir);
        assertThat(reopened.list()).extracting(Envelope::id).containsExactly("B1");
        assertThat(active.resolve("B2.msg")).doesNotExist();
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertThat(files).isEmpty();
        }
        assertThat(dir.resolve("corrupt").resolve("B4.env")).exists();
        assertThat(dir.resolve("corrupt").resolve("B4.msg")).hasContent("content");
    }

    @Test
    void onlyQueueIdsNameFiles() {
        assertThatThrownBy(() -> FileQueueStore.open(dir).open("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> envelope("a1", "bob@example.test")).isInstanceOf(IllegalArgumentException.class);
    }
}
