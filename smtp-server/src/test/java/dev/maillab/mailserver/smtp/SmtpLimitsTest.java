package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.SmtpConnection.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every named limit answers with its reply code, and the session (or the server) stays usable afterwards. */
class SmtpLimitsTest {

    static final int MAX_SIZE = 4096;
    static final int MAX_RECIPIENTS = 3;

    @TempDir
    static Path dir;

    static SmtpTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new SmtpTestServer(
                dir, Map.of("max-message-size", MAX_SIZE, "max-recipients", MAX_RECIPIENTS, "max-connections", 50));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SmtpConnection greeted() throws Exception {
        SmtpConnection c = server.connect();
        c.greeting();
        assertThat(c.command("EHLO client").lines()).contains("SIZE " + MAX_SIZE);
        return c;
    }

    private static String body(int bytes) {
        StringBuilder b = new StringBuilder("Subject: big\r\n\r\n");
        while (b.length() < bytes) {
            b.append("0123456789".repeat(7)).append("\r\n");
        }
        return b.toString();
    }

    @Test
    void declaredSizeOverTheLimitIs552AndTheSessionGoesOn() throws Exception {
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<a@example.local> SIZE=" + (MAX_SIZE + 1))
                            .toString())
                    .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            assertThat(c.command("MAIL FROM:<a@example.local> SIZE=" + MAX_SIZE).code())
                    .isEqualTo(250);
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data("Subject: declared ok\r\n\r\nsmall\r\n").code()).isEqualTo(250);
        }
    }

    @Test
    void actualSizeOverTheLimitIsSwallowedThen552AndTheNextMessageIsAccepted() throws Exception {
        int before = server.messages("alice").size();
        try (SmtpConnection c = greeted()) {
            // no SIZE= declared: only the DATA stream itself can tell
            Reply tooBig = c.sendMail("a@example.local", List.of("alice@example.local"), body(MAX_SIZE * 5));
            assertThat(tooBig.toString()).isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            assertThat(c.command("NOOP").code()).isEqualTo(250);
            Reply next = c.sendMail("a@example.local", List.of("alice@example.local"), "Subject: after\r\n\r\nok\r\n");
            assertThat(next.code()).isEqualTo(250);
        }
        List<String> stored = server.messages("alice");
        assertThat(stored).hasSize(before + 1);
        assertThat(stored).noneMatch(m -> m.contains("Subject: big"));
        assertThat(server.counter("maillab.smtp.rejected", "reason", "message_too_big"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() throws Exception {
        String message = body(MAX_SIZE - 200);
        message = message + "x".repeat(MAX_SIZE - message.getBytes(StandardCharsets.UTF_8).length - 2) + "\r\n";
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_SIZE);
        try (SmtpConnection c = greeted()) {
            assertThat(c.sendMail("a@example.local", List.of("bob@example.local"), message)
                            .code())
                    .isEqualTo(250);
        }
    }

    @Test
    void recipientsBeyondTheLimitGet452AndTheFirstOnesAreDelivered() throws Exception {
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<a@example.local>").code()).isEqualTo(250);
            for (String rcpt : List.of("test", "alice", "bob")) {
                assertThat(c.command("RCPT TO:<" + rcpt + "@example.local>").code())
                        .isEqualTo(250);
            }
            assertThat(c.command("RCPT TO:<postmaster@example.local>").toString())
                    .isEqualTo("452 4.5.3 Error: too many recipients");
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data("Subject: three\r\n\r\nx\r\n").code()).isEqualTo(250);
            // a new transaction starts counting again
            assertThat(c.sendMail("a@example.local", List.of("test@example.local"), "Subject: fresh\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
        for (String user : List.of("test", "alice", "bob")) {
            assertThat(server.messages(user)).anySatisfy(m -> assertThat(m).contains("Subject: three"));
        }
    }

    @Test
    void commandLineOver512OctetsIs500AndTheSessionGoesOn() throws Exception {
        try (SmtpConnection c = greeted()) {
            String local = "a".repeat(600);
            assertThat(c.command("MAIL FROM:<" + local + "@example.local>").toString())
                    .isEqualTo("500 5.5.2 Error: command line too long");
            // 510 characters + CRLF = 512 octets: still allowed
            String exact = "NOOP " + "x".repeat(505);
            assertThat(c.command(exact).code()).isEqualTo(250);
            assertThat(c.command(exact + "x").code()).isEqualTo(500);
            assertThat(c.sendMail("a@example.local", List.of("test@example.local"), "Subject: l\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
    }

    @Test
    void commandLinesOf2000And100000OctetsAre500AndTheSessionGoesOn() throws Exception {
        try (SmtpConnection c = greeted()) {
            for (int length : new int[] {2000, 100_000}) {
                // over SubEtha's own 998-character cut, which answered 501 and closed the connection
                assertThat(c.command("MAIL FROM:<" + "a".repeat(length) + "@example.local>")
                                .toString())
                        .isEqualTo("500 5.5.2 Error: command line too long");
                assertThat(c.command("NOOP " + "x".repeat(length)).code()).isEqualTo(500);
                assertThat(c.sendMail(
                                        "a@example.local",
                                        List.of("test@example.local"),
                                        "Subject: after " + length + "\r\n\r\n" + "y".repeat(3000) + "\r\n")
                                .code())
                        .isEqualTo(250);
            }
        }
        // a line over 998 octets inside DATA is message content, kept whole
        assertThat(server.messages("test")).anySatisfy(m -> assertThat(m).contains("\r\n" + "y".repeat(3000) + "\r\n"));
    }

    @Test
    void tooManyConnectionsGet421AndIdleSessionsAreClosedWith421() throws Exception {
        try (SmtpTestServer tight = new SmtpTestServer(
                        dir.resolve("tight"),
                        Map.of(
                                "max-message-size",
                                MAX_SIZE,
                                "max-recipients",
                                MAX_RECIPIENTS,
                                "max-connections",
                                2,
                                "idle-timeout",
                                "2s"));
                SmtpConnection first = tight.connect();
                SmtpConnection second = tight.connect()) {
            assertThat(first.greeting().code()).isEqualTo(220);
            assertThat(second.greeting().code()).isEqualTo(220);
            try (SmtpConnection third = tight.connect()) {
                assertThat(third.greeting().code()).isEqualTo(421);
            }
            // idle: the server speaks first, with 421, and closes
            Reply timeout = first.read();
            assertThat(timeout.code()).isEqualTo(421);
            assertThat(first.read()).isNull();
            Reply secondTimeout = second.read();
            assertThat(secondTimeout.code()).isEqualTo(421);
            // the server is still there for the next client
            try (SmtpConnection again = tight.connect()) {
                assertThat(again.greeting().code()).isEqualTo(220);
            }
        }
    }

    @Test
    void dataOverTheMemoryBudgetIs452AndTheSessionAndServerGoOn() throws Exception {
        // a 10 MB size limit but only 256 KiB of heap for messages in flight: a 600 KB message cannot be held
        try (SmtpTestServer small = new SmtpTestServer(
                        dir.resolve("memory"),
                        Map.of("max-recipients", MAX_RECIPIENTS, "max-connections", 50, "data-memory", "256KB"));
                SmtpConnection c = small.connect()) {
            c.greeting();
            c.command("EHLO client");
            int before = small.messages("test").size();
            assertThat(c.command("MAIL FROM:<a@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data(body(600_000)).toString())
                    .isEqualTo("452 4.3.1 Insufficient system storage, try again later");
            assertThat(small.dataMemory.inUse()).isZero();

            Reply next = c.sendMail("a@example.local", List.of("test@example.local"), body(60_000));
            assertThat(next.code()).isEqualTo(250);
            assertThat(small.messages("test")).hasSize(before + 1);
            assertThat(small.dataMemory.inUse()).isZero();
        }
    }
}
