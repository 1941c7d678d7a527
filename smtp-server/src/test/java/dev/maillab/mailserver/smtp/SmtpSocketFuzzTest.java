package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.fuzz.SocketFuzzer;
import dev.maillab.testkit.SmtpConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged SMTP sessions (EHLO, MAIL, RCPT, DATA, QUIT with octets flipped, lines lost or doubled,
 * CR/LF/NUL injected, the connection closed or reset anywhere, DATA included) against the real intake; then the
 * server must still deliver a clean message intact, the DATA memory budget must be back at zero, every session
 * must have ended (the connection limit admits a full set of new clients), and nothing may have been logged with
 * a stack trace.
 */
class SmtpSocketFuzzTest {

    private static final int MAX_CONNECTIONS = 20;

    @TempDir
    Path dir;

    @Test
    void damagedSessionsLeaveTheServerCorrectAndClean() throws Exception {
        Map<String, Object> settings = Map.of(
                "max-message-size",
                200_000,
                "max-recipients",
                10,
                "max-connections",
                MAX_CONNECTIONS,
                "idle-timeout",
                "2s",
                "data-memory",
                "8MB");
        try (SmtpTestServer server = new SmtpTestServer(dir, settings);
                SocketFuzzer fuzzer = new SocketFuzzer("SmtpSocketFuzzTest")) {
            int ran = fuzzer.run(server.port(), SmtpSocketFuzzTest::session);

            // sessions a client left without QUIT end at the idle timeout (2 s)
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (server.dataMemory.inUse() != 0 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            Thread.sleep(3000);
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(server.dataMemory.inUse())
                    .as("DATA memory reserved after %d sessions (seed %d)", ran, fuzzer.seed)
                    .isZero();
            soft.assertThat(greeted(server))
                    .as("new clients greeted 220 of %d", MAX_CONNECTIONS)
                    .isEqualTo(MAX_CONNECTIONS);
            String marker = UUID.randomUUID().toString();
            String message = "Subject: after the fuzz " + marker + "\r\n\r\n.leading dot\r\nbody " + marker + "\r\n";
            try (SmtpConnection c = server.connect()) {
                c.greeting();
                soft.assertThat(c.command("EHLO clean.example").code())
                        .as("EHLO")
                        .isEqualTo(250);
                soft.assertThat(c.sendMail("app@example.local", List.of("alice@example.local"), message)
                                .code())
                        .as("a clean message after the fuzz")
                        .isEqualTo(250);
                soft.assertThat(c.command("QUIT").code()).as("QUIT").isEqualTo(221);
            }
            soft.assertThat(server.messages("alice"))
                    .as("alice's mailbox")
                    .anySatisfy(m -> assertThat(m).endsWith(message));
            soft.assertThat(fuzzer.stackTraces())
                    .as("logged with a stack trace (seed %d)", fuzzer.seed)
                    .isEmpty();
            soft.assertAll();
        }
    }

    /** Opens as many clients as the limit admits, all at once; how many got their 220 (none was left behind). */
    private static int greeted(SmtpTestServer server) throws Exception {
        List<SmtpConnection> open = new ArrayList<>();
        int greeted = 0;
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                SmtpConnection c = server.connect();
                open.add(c);
                SmtpConnection.Reply r = c.greeting();
                greeted += r != null && r.code() == 220 ? 1 : 0;
            }
        } finally {
            for (SmtpConnection c : open) {
                c.close();
            }
        }
        return greeted;
    }

    /** A valid session: some messages, each with its own recipients, headers and dot-stuffed body. */
    static List<String> session(Random random) {
        List<String> lines = new ArrayList<>();
        lines.add(random.nextBoolean() ? "EHLO client.example" : "HELO client.example");
        int messages = 1 + random.nextInt(2);
        for (int m = 0; m < messages; m++) {
            lines.add("MAIL FROM:<app@example.local>" + (random.nextBoolean() ? " SIZE=" + random.nextInt(5000) : ""));
            lines.add("RCPT TO:<" + (random.nextBoolean() ? "test" : "bob") + "@example.local>");
            if (random.nextInt(4) == 0) {
                lines.add("RCPT TO:<nobody@example.local>");
            }
            lines.add("DATA");
            lines.add("Subject: fuzz " + random.nextInt());
            lines.add("");
            for (int i = random.nextInt(40); i > 0; i--) {
                lines.add(random.nextInt(5) == 0 ? "..stuffed" : "line " + "x".repeat(random.nextInt(200)));
            }
            lines.add(".");
            if (random.nextInt(5) == 0) {
                lines.add("RSET");
            }
        }
        lines.add(random.nextBoolean() ? "QUIT" : "NOOP");
        return lines;
    }
}
