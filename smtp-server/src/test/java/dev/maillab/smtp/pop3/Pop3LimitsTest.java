package dev.maillab.smtp.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login failures, session locking and the named limits, each over a socket. */
class Pop3LimitsTest {

    @TempDir
    Path dir;

    private static Pop3Properties props(boolean lock, int maxConnections, Duration idle, Duration delay,
            Duration maxDelay) {
        return new Pop3Properties("127.0.0.1", 0, "mail.example.local", lock, maxConnections, 20, idle,
                Duration.ofSeconds(60), 512, delay, maxDelay, Duration.ofMinutes(10), false);
    }

    private static Pop3Properties defaults() {
        return props(false, 200, Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofMillis(400));
    }

    private static Pop3Connection open(Pop3TestServer pop3) throws IOException {
        Pop3Connection c = new Pop3Connection(pop3.port());
        assertThat(c.readLine()).startsWith("+OK");
        return c;
    }

    @Test
    void failedLoginsGetAuthAfterADelayThatGrowsPerAddressUpToTheMaximum() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults()); Pop3Connection c = open(pop3)) {
            long[] expectedAtLeastMs = {100, 200, 400, 400};
            for (long atLeast : expectedAtLeastMs) {
                assertThat(c.command("USER test")).startsWith("+OK");
                long start = System.nanoTime();
                assertThat(c.command("PASS wrong")).startsWith("-ERR [AUTH]");
                // a lower bound only: the server must not answer sooner than its penalty
                assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isGreaterThanOrEqualTo(atLeast);
            }
            // unknown users are refused the same way, so names cannot be probed
            assertThat(c.command("USER nobody")).startsWith("+OK");
            assertThat(c.command("PASS password")).startsWith("-ERR [AUTH]");
            assertThat(c.login("test", "password")).startsWith("+OK");
            assertThat(pop3.counter("pop3.logins.failed")).isEqualTo(5.0);
        }
    }

    @Test
    void pipelinedCommandsWaitForTheDelayedReplyAndKeepTheirOrder() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults()); Pop3Connection c = open(pop3)) {
            long start = System.nanoTime();
            c.send("USER test\r\nPASS a\r\nUSER test\r\nPASS b\r\nNOOP\r\nUSER test\r\nPASS password\r\nSTAT\r\n");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("-ERR [AUTH]");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("-ERR [AUTH]");
            // NOOP before login is an error; what matters is that it comes after the delayed reply
            assertThat(c.readLine()).startsWith("-ERR");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).isEqualTo("+OK 0 0");
            // both penalties were served, in sequence, although the client sent everything at once
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void penaltyDelaysAreBoundedAndDouble() {
        AuthFailurePenalty p = new AuthFailurePenalty(Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofMinutes(10));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 20)).map(p::delayFor).containsExactly(Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    @Test
    void lockSessionGivesASecondLoginInUseUntilTheFirstEnds() throws IOException {
        Pop3Properties locking = props(true, 200, Duration.ofMinutes(10), Duration.ofMillis(1), Duration.ofMillis(1));
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, locking)) {
            try (Pop3Connection first = open(pop3); Pop3Connection second = open(pop3)) {
                assertThat(first.login("test", "password")).startsWith("+OK");
                assertThat(second.login("test", "password")).startsWith("-ERR [IN-USE]");
                // another user's maildrop is not affected
                assertThat(second.login("alice", "password")).startsWith("+OK");
                assertThat(first.command("QUIT")).startsWith("+OK");
            }
            try (Pop3Connection dropped = open(pop3)) {
                assertThat(dropped.login("test", "password")).startsWith("+OK");
            } // dropped without QUIT: the lock must still be released
            for (int attempt = 0; ; attempt++) {
                try (Pop3Connection again = open(pop3)) {
                    String reply = again.login("test", "password");
                    if (reply.startsWith("+OK") || attempt == 50) {
                        assertThat(reply).startsWith("+OK");
                        break;
                    }
                }
                // the server may not have seen the close yet
                sleep(50);
            }
        }
    }

    @Test
    void withoutLockSessionTwoLoginsToOneMaildropAreAllowed() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults());
                Pop3Connection a = open(pop3); Pop3Connection b = open(pop3)) {
            assertThat(a.login("test", "password")).startsWith("+OK");
            assertThat(b.login("test", "password")).startsWith("+OK");
        }
    }

    @Test
    void connectionsOverTheLimitAreToldWhyAndClosed() throws IOException {
        Pop3Properties two = props(false, 2, Duration.ofMinutes(10), Duration.ofMillis(1), Duration.ofMillis(1));
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, two)) {
            List<Pop3Connection> open = new ArrayList<>();
            try {
                open.add(open(pop3));
                open.add(open(pop3));
                try (Pop3Connection third = new Pop3Connection(pop3.port())) {
                    assertThat(third.readLine()).startsWith("-ERR [SYS/TEMP]");
                    assertThat(third.closedByServer()).isTrue();
                }
                assertThat(open.get(0).command("NOOP")).startsWith("-ERR"); // still served (NOOP needs login)
            } finally {
                for (Pop3Connection c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void tooLongLinesGetAnErrorAndTheSessionContinues() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults()); Pop3Connection c = open(pop3)) {
            assertThat(c.command("USER " + "x".repeat(600))).startsWith("-ERR");
            assertThat(c.login("test", "password")).startsWith("+OK");
        }
    }

    @Test
    void idleSessionsAreLoggedOut() throws IOException {
        Pop3Properties quick = props(false, 200, Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMillis(1));
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, quick); Pop3Connection c = open(pop3)) {
            assertThat(c.login("test", "password")).startsWith("+OK");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
