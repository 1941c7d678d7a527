package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.SmtpConnection.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source cannot lock the others out (a slot limit per client address below the total), and no
 * client keeps a slot by sending slowly: a command line, and a DATA, have deadlines of their own.
 */
class SmtpConnectionLimitsTest {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DATA_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    static SmtpTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new SmtpTestServer(
                dir,
                Map.of("command-timeout", COMMAND_TIMEOUT, "data-timeout", DATA_TIMEOUT, "data-block-timeout", "1s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void threeHundredIdleConnectionsFromOneAddressLeaveRoomForOthers() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        List<SmtpConnection> held = new ArrayList<>();
        int accepted = 0;
        try {
            for (int i = 0; i < 300; i++) {
                SmtpConnection c = new SmtpConnection("127.0.0.1", server.port(), other);
                held.add(c);
                Reply greeting = c.greeting();
                if (greeting.code() == 220) {
                    accepted++;
                } else {
                    assertThat(greeting.toString())
                            .isEqualTo("421 4.7.0 mail.example.local Error: too many connections from 127.0.0.2");
                    assertThat(c.read()).isNull(); // and closed
                }
            }
            assertThat(accepted).isEqualTo(20);
            assertThat(server.sessions.limits().openFrom(other)).isEqualTo(20);

            long started = System.nanoTime();
            try (SmtpConnection c = server.connect()) {
                assertThat(c.greeting().code()).isEqualTo(220);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                c.command("EHLO client");
                assertThat(c.sendMail("a@example.local", List.of("test@example.local"), "Subject: room\r\n\r\nx\r\n")
                                .code())
                        .isEqualTo(250);
            }
        } finally {
            for (SmtpConnection c : held) {
                c.close();
            }
        }
        SmtpAbortedSessionsTest.awaitTrue(() -> server.sessions.limits().open() == 0);
        assertThat(server.sessions.limits().open()).isZero();
    }

    /** Sends {@code text} one octet every 200 ms until the server answers; returns the answer and its time. */
    private static String drip(SmtpConnection c, String text, long[] elapsedMillis) throws Exception {
        return drip(c, text, elapsedMillis, System.nanoTime());
    }

    private static String drip(SmtpConnection c, String text, long[] elapsedMillis, long started) throws Exception {
        InputStream in = c.socket().getInputStream();
        OutputStream out = c.socket().getOutputStream();
        byte[] octets = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; ; i++) {
            if (in.available() > 0) {
                break;
            }
            try {
                out.write(octets[i % octets.length]);
                out.flush();
            } catch (IOException closed) {
                break;
            }
            Thread.sleep(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
        elapsedMillis[0] = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Reply reply = c.read();
        assertThat(c.read()).isNull(); // closed after the reply
        return reply.toString();
    }

    @Test
    void aClientDrippingACommandLineIsCutAtTheCommandDeadline() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            long[] elapsed = new long[1];
            assertThat(drip(c, "NOOP", elapsed)).isEqualTo("421 4.4.2 mail.example.local Error: timeout exceeded");
            assertThat(elapsed[0]).isBetween(COMMAND_TIMEOUT.toMillis() - 200, COMMAND_TIMEOUT.toMillis() + 2000);
        }
        SmtpAbortedSessionsTest.awaitTrue(() -> server.sessions.open() == 0);
        assertThat(server.sessions.open()).isZero();
    }

    @Test
    void aClientDrippingDataIsCutAtTheDataDeadlineAndHoldsNothing() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            c.command("MAIL FROM:<a@example.local>");
            c.command("RCPT TO:<test@example.local>");
            long started = System.nanoTime();
            assertThat(c.command("DATA").code()).isEqualTo(354);
            long[] elapsed = new long[1];
            // each octet comes within the block timeout, the whole DATA does not come within its own
            assertThat(drip(c, "x\r\n", elapsed, started))
                    .isEqualTo("421 4.4.2 mail.example.local Error: timeout exceeded");
            assertThat(elapsed[0]).isBetween(DATA_TIMEOUT.toMillis() - 200, DATA_TIMEOUT.toMillis() + 2000);
        }
        SmtpAbortedSessionsTest.awaitTrue(() -> server.sessions.open() == 0 && server.dataMemory.inUse() == 0);
        assertThat(server.sessions.open()).isZero();
        assertThat(server.dataMemory.inUse()).isZero();
        assertThat(server.server.watchedConnections()).isZero();
    }

    @Test
    void aClientSilentInsideDataIsCutAtTheBlockDeadline() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            c.command("MAIL FROM:<a@example.local>");
            c.command("RCPT TO:<test@example.local>");
            assertThat(c.command("DATA").code()).isEqualTo(354);
            c.write("Subject: then silence\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            assertThat(c.read().toString()).isEqualTo("421 4.4.2 mail.example.local Error: timeout exceeded");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DATA_TIMEOUT.plusSeconds(1));
        }
    }

    @Test
    void anIdleSessionBetweenCommandsIsNotCutByTheCommandDeadline() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            Thread.sleep(COMMAND_TIMEOUT.multipliedBy(2).toMillis());
            assertThat(c.command("NOOP").code()).isEqualTo(250);
            // pipelined lines are each given the deadline afresh
            c.write("NOOP\r\nNOOP\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) {
                assertThat(c.read().code()).isEqualTo(250);
            }
        }
    }
}
