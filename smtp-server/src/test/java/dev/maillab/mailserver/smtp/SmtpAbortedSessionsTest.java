package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that vanishes at any point of a session (closing, or resetting the connection) gives everything
 * back: its connection slot, its share of the DATA memory, its session state and its deadline entry.
 */
class SmtpAbortedSessionsTest {

    @TempDir
    static Path dir;

    static SmtpTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new SmtpTestServer(
                dir,
                Map.of(
                        // a small budget: a few dozen leaked reservations would fill it
                        "data-memory", "1024KB",
                        "max-connections-per-client", 100,
                        "max-connections", 200));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** EHLO, MAIL, RCPT and DATA in one burst; returns once the server has answered 354. */
    private static SmtpConnection inData() throws IOException {
        SmtpConnection c = server.connect();
        c.greeting();
        c.write("EHLO client\r\nMAIL FROM:<a@example.local>\r\nRCPT TO:<test@example.local>\r\nDATA\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 3; i++) {
            assertThat(c.read().code()).isEqualTo(250);
        }
        assertThat(c.read().code()).isEqualTo(354);
        return c;
    }

    static void awaitNothingHeld() throws InterruptedException {
        awaitTrue(() -> server.dataMemory.inUse() == 0
                && server.sessions.open() == 0
                && server.sessions.limits().open() == 0
                && server.server.watchedConnections() == 0);
        assertThat(server.dataMemory.inUse()).isZero();
        assertThat(server.sessions.open()).isZero();
        assertThat(server.sessions.limits().open()).isZero();
        assertThat(server.server.watchedConnections()).isZero();
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    private static void assertAMessageStillGoesThrough() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            assertThat(c.sendMail(
                                    "a@example.local",
                                    List.of("test@example.local"),
                                    "Subject: after\r\n\r\n" + "x".repeat(100_000) + "\r\n")
                            .code())
                    .isEqualTo(250);
        }
    }

    @Test
    void thousandsOfAbortedDataGiveTheMemoryBudgetBack() throws Exception {
        byte[] large = ("Subject: large\r\n\r\n" + "0123456789".repeat(30_000)).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 2000; i++) {
            SmtpConnection c = inData();
            switch (i % 4) {
                case 0 -> c.write("Subject: cut\r\n\r\nhalf a li".getBytes(StandardCharsets.US_ASCII));
                case 1 -> c.write("Subject: cut\r\n\r\nwhole line\r\n".getBytes(StandardCharsets.US_ASCII));
                case 2 -> c.write(i % 100 == 2 ? large : "x".getBytes(StandardCharsets.US_ASCII));
                default -> {
                    c.write("Subject: reset\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    c.reset();
                    continue;
                }
            }
            if (i % 8 == 2) {
                c.reset();
            } else {
                c.close();
            }
        }
        awaitNothingHeld();
        assertAMessageStillGoesThrough();
        assertThat(server.registry
                        .get("maillab.smtp.data.memory.reserved")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void aClientVanishingAtAnyPointGivesEverythingBack() throws Exception {
        for (int round = 0; round < 2; round++) {
            boolean reset = round == 1;
            // before anything, after EHLO, after MAIL, after RCPT, mid-line, mid-DATA
            for (String sent : List.of(
                    "",
                    "EHLO client\r\n",
                    "EHLO client\r\nMAIL FROM:<a@example.local>\r\n",
                    "EHLO client\r\nMAIL FROM:<a@example.local>\r\nRCPT TO:<test@example.local>\r\n",
                    "EHLO client\r\nMAIL FROM:<a@exa")) {
                SmtpConnection c = server.connect();
                c.greeting();
                c.write(sent.getBytes(StandardCharsets.US_ASCII));
                vanish(c, reset);
            }
            SmtpConnection data = inData();
            data.write("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
            vanish(data, reset);

            // mid-AUTH: after the 334 challenge
            SmtpConnection auth = server.connect();
            auth.greeting();
            auth.command("EHLO client");
            auth.startTls();
            auth.command("EHLO client");
            assertThat(auth.command("AUTH LOGIN").code()).isEqualTo(334);
            assertThat(auth.command(SmtpConnection.base64("alice")).code()).isEqualTo(334);
            vanish(auth, reset);

            // mid-STARTTLS handshake: 220, then a partial ClientHello, then gone
            SmtpConnection tls = server.connect();
            tls.greeting();
            tls.command("EHLO client");
            assertThat(tls.command("STARTTLS").code()).isEqualTo(220);
            tls.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            vanish(tls, reset);
        }
        awaitNothingHeld();
        assertAMessageStillGoesThrough();
    }

    private static void vanish(SmtpConnection c, boolean reset) throws IOException {
        if (reset) {
            c.reset();
        } else {
            c.close();
        }
    }
}
