package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.maildir.InMemoryMailStore;
import dev.maillab.testkit.SmtpConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an SMTP client is told when the store fails, over each transport the intake offers (one subclass each): no
 * room is a temporary 452 4.3.1 before the message is taken, a failed write a temporary 451 4.3.0 with nothing
 * acknowledged. Afterwards the session goes on, the server holds nothing for it, and the next session delivers.
 */
abstract class SmtpStoreFaultTests {

    private static final String MESSAGE = "Subject: fault\r\n\r\nbody\r\n";

    @TempDir
    Path dir;

    final InMemoryMailStore store = new InMemoryMailStore();
    SmtpTestServer server;

    /** A session ready for MAIL: greeted and past EHLO, over the transport under test. */
    abstract SmtpConnection session(SmtpTestServer server) throws Exception;

    @BeforeEach
    void start() throws Exception {
        server = new SmtpTestServer(dir, Map.of(), store);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFullStoreRefusesMailWith452AndTakesItOnceThereIsRoom() throws Exception {
        store.full();
        try (SmtpConnection c = session(server)) {
            assertThat(c.command("MAIL FROM:<a@example.local>").toString())
                    .isEqualTo("452 4.3.1 Insufficient system storage");
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(503);
            store.repair();
            assertThat(c.sendMail("a@example.local", List.of("test@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
        }
        assertThat(store.messages("test")).singleElement().asString().endsWith(MESSAGE);
        assertThat(server.counter("maillab.smtp.rejected", "reason", "storage_full"))
                .isEqualTo(1);
        assertHealthy();
    }

    @Test
    void aDeclaredSizeWithoutRoomIs452AtMailAndASmallerMessageIsTaken() throws Exception {
        store.roomFor(1000);
        try (SmtpConnection c = session(server)) {
            assertThat(c.command("MAIL FROM:<a@example.local> SIZE=5000").toString())
                    .isEqualTo("452 4.3.1 Insufficient system storage");
            assertThat(c.command("MAIL FROM:<a@example.local> SIZE=" + MESSAGE.length())
                            .code())
                    .isEqualTo(250);
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data(MESSAGE).code()).isEqualTo(250);
        }
        assertThat(store.messages("test")).hasSize(1);
        assertHealthy();
    }

    @Test
    void aMessageLargerThanTheRoomLeftIs452AtTheEndOfDataAndNothingIsStored() throws Exception {
        store.roomFor(100);
        String large = "Subject: large\r\n\r\n" + "x".repeat(70).concat("\r\n").repeat(30);
        try (SmtpConnection c = session(server)) {
            assertThat(c.sendMail("a@example.local", List.of("test@example.local", "alice@example.local"), large)
                            .toString())
                    .isEqualTo("452 4.3.1 Insufficient system storage");
            assertThat(c.command("NOOP").code()).isEqualTo(250);
            assertThat(c.sendMail("a@example.local", List.of("test@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
        }
        assertThat(store.messages("test")).singleElement().asString().endsWith(MESSAGE);
        assertThat(store.messages("alice")).isEmpty();
        assertHealthy();
    }

    @Test
    void aFailingWriteIs451AndTheSameTransactionSucceedsOnceTheStoreWorks() throws Exception {
        store.failWrites("Input/output error");
        try (SmtpConnection c = session(server)) {
            assertThat(c.sendMail("a@example.local", List.of("test@example.local"), MESSAGE)
                            .toString())
                    .isEqualTo("451 4.3.0 Error: queue file write error");
            assertThat(store.messages("test")).isEmpty();
            store.repair();
            assertThat(c.sendMail("a@example.local", List.of("test@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
        }
        assertThat(store.messages("test")).hasSize(1);
        assertThat(server.counter("maillab.smtp.rejected", "reason", "delivery_failed"))
                .isEqualTo(1);
        assertThat(server.counter("maillab.smtp.messages.accepted")).isEqualTo(1);
        assertHealthy();
    }

    /** Nothing is held for the sessions that ended, and a new one delivers. */
    private void assertHealthy() throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!server.holdsNothing() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(server.holdsNothing())
                .as("sessions, slots, DATA memory, deadlines all given back")
                .isTrue();
        int before = store.messages("bob").size();
        try (SmtpConnection c = session(server)) {
            assertThat(c.sendMail("a@example.local", List.of("bob@example.local"), MESSAGE)
                            .code())
                    .isEqualTo(250);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
        }
        assertThat(store.messages("bob")).hasSize(before + 1);
    }
}
