package dev.maillab.mailserver.smtp;

import static dev.maillab.testkit.SmtpConnection.base64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guessing passwords costs time and ends the session; errors in general end it too (smtpd_hard_error_limit). */
class SmtpAuthGuessingTest {

    static final Duration DELAY = Duration.ofMillis(500);

    @TempDir
    static Path dir;

    static SmtpTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new SmtpTestServer(dir, Map.of("auth-failure-delay", DELAY, "max-auth-failures", 3, "max-errors", 20));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SmtpConnection inTls() throws Exception {
        SmtpConnection c = server.connect();
        c.greeting();
        c.command("EHLO client");
        c.startTls();
        c.command("EHLO client");
        return c;
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Test
    void failedAuthIsAnsweredLaterEachTimeAndTheThirdEndsTheSession() throws Exception {
        double before = server.counter("maillab.smtp.rejected", "reason", "auth_failed");
        try (SmtpConnection guesser = inTls();
                SmtpConnection other = inTls()) {
            CompletableFuture<List<Long>> guessing = CompletableFuture.supplyAsync(() -> {
                try {
                    long t0 = System.nanoTime();
                    assertThat(guesser.command("AUTH PLAIN " + base64("\0alice\0guess1"))
                                    .toString())
                            .isEqualTo("535 5.7.8 Error: authentication failed");
                    long t1 = millisSince(t0);
                    long s = System.nanoTime();
                    assertThat(guesser.command("AUTH PLAIN " + base64("\0alice\0guess2"))
                                    .code())
                            .isEqualTo(535);
                    long t2 = millisSince(s);
                    s = System.nanoTime();
                    assertThat(guesser.command("AUTH PLAIN " + base64("\0alice\0guess3"))
                                    .toString())
                            .isEqualTo("421 4.7.0 mail.example.local Error: too many failed authentications");
                    long t3 = millisSince(s);
                    assertThat(guesser.read()).isNull(); // closed
                    return List.of(t1, t2, t3);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // while that session waits, another client's correct AUTH is answered at once
            Thread.sleep(DELAY.toMillis() / 2);
            long started = System.nanoTime();
            assertThat(other.command("AUTH PLAIN " + base64("\0alice\0password"))
                            .code())
                    .isEqualTo(235);
            assertThat(millisSince(started)).isLessThan(DELAY.toMillis() / 2 + 200);
            assertThat(other.sendMail("alice@example.local", List.of("bob@example.local"), "Subject: ok\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);

            List<Long> times = guessing.get();
            assertThat(times.get(0)).isGreaterThanOrEqualTo(DELAY.toMillis());
            assertThat(times.get(1)).isGreaterThanOrEqualTo(2 * DELAY.toMillis());
            assertThat(times.get(2)).isGreaterThanOrEqualTo(4 * DELAY.toMillis());
        }
        assertThat(server.counter("maillab.smtp.rejected", "reason", "auth_failed"))
                .isEqualTo(before + 3);
    }

    @Test
    void loginMechanismFailuresCountAndMalformedResponsesToo() throws Exception {
        try (SmtpConnection c = inTls()) {
            assertThat(c.command("AUTH LOGIN").code()).isEqualTo(334);
            assertThat(c.command(base64("alice")).code()).isEqualTo(334);
            assertThat(c.command(base64("wrong")).code()).isEqualTo(535);
            assertThat(c.command("AUTH PLAIN !!!notbase64").toString())
                    .isEqualTo("501 5.5.2 Error: malformed authentication response");
            assertThat(c.command("AUTH PLAIN").code()).isEqualTo(334);
            assertThat(c.command("").code()).isEqualTo(421); // an empty response, SubEtha's handler would throw
            assertThat(c.read()).isNull();
        }
        try (SmtpConnection c = inTls()) {
            // a cancelled exchange is not a failed login; the session goes on
            assertThat(c.command("AUTH LOGIN").code()).isEqualTo(334);
            assertThat(c.command("*").toString()).isEqualTo("501 5.7.0 Authentication aborted");
            assertThat(c.command("AUTH LOGIN " + base64("bob")).code()).isEqualTo(334);
            assertThat(c.command(base64("password")).code()).isEqualTo(235);
        }
    }

    @Test
    void twentyErrorRepliesEndTheSession() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                burst.append(i % 2 == 0 ? "FOO bar\r\n" : "RCPT TO:<x@example.local>\r\n");
            }
            c.write(burst.toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 20; i++) {
                assertThat(c.read().code()).isIn(500, 503);
            }
            assertThat(c.read().toString()).isEqualTo("421 4.7.0 mail.example.local Error: too many errors");
            assertThat(c.read()).isNull();
        }
        // a delivered message forgives the errors before it
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 15; i++) {
                    assertThat(c.command("FOO").code()).isEqualTo(500);
                }
                assertThat(c.sendMail("a@example.local", List.of("test@example.local"), "Subject: e\r\n\r\nx\r\n")
                                .code())
                        .isEqualTo(250);
            }
        }
    }
}
