package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.pop3.policy.AuthFailurePenalty;
import dev.maillab.testkit.Pop3Connection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login failures, session locking and the named limits, each over a socket. */
class Pop3LimitsTest {

    @TempDir
    Path dir;

    private static Map<String, Object> props(
            boolean lock, int maxConnections, Duration idle, Duration delay, Duration maxDelay) {
        return props(lock, maxConnections, 20, idle, Duration.ofSeconds(60), delay, maxDelay);
    }

    private static Map<String, Object> props(
            boolean lock,
            int maxConnections,
            int perAddress,
            Duration idle,
            Duration deadline,
            Duration delay,
            Duration maxDelay) {
        return Map.of(
                "lock-session", lock,
                "max-connections", maxConnections,
                "max-connections-per-client", perAddress,
                "idle-timeout", idle,
                "command-deadline", deadline,
                "auth-failure-delay", delay,
                "auth-failure-delay-max", maxDelay);
    }

    private static Map<String, Object> defaults() {
        return props(false, 200, Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofMillis(400));
    }

    private static Pop3Connection open(Pop3TestServer pop3) throws IOException {
        Pop3Connection c = new Pop3Connection(pop3.port());
        assertThat(c.readLine()).startsWith("+OK");
        return c;
    }

    @Test
    void failedLoginsGetAuthAfterADelayThatGrowsPerAddressUpToTheMaximum() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults());
                Pop3Connection c = open(pop3)) {
            long[] expectedAtLeastMs = {100, 200, 400, 400};
            for (long atLeast : expectedAtLeastMs) {
                assertThat(c.command("USER test")).startsWith("+OK");
                long start = System.nanoTime();
                assertThat(c.command("PASS wrong")).startsWith("-ERR [AUTH]");
                // a lower bound only: the server must not answer sooner than its penalty
                assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis())
                        .isGreaterThanOrEqualTo(atLeast);
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
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults());
                Pop3Connection c = open(pop3)) {
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
        AuthFailurePenalty p =
                new AuthFailurePenalty(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(10));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 20))
                .map(p::delayFor)
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8));
    }

    @Test
    void lockSessionGivesASecondLoginInUseUntilTheFirstEnds() throws IOException {
        Map<String, Object> locking =
                props(true, 200, Duration.ofMinutes(10), Duration.ofMillis(1), Duration.ofMillis(1));
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, locking)) {
            try (Pop3Connection first = open(pop3);
                    Pop3Connection second = open(pop3)) {
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
                Pop3Connection a = open(pop3);
                Pop3Connection b = open(pop3)) {
            assertThat(a.login("test", "password")).startsWith("+OK");
            assertThat(b.login("test", "password")).startsWith("+OK");
        }
    }

    @Test
    void connectionsOverTheLimitAreToldWhyAndClosed() throws IOException {
        Map<String, Object> two = props(false, 2, Duration.ofMinutes(10), Duration.ofMillis(1), Duration.ofMillis(1));
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
    void idleSessionsAreLoggedOutWithAFinalErr() throws IOException {
        Map<String, Object> quick =
                props(false, 200, Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMillis(1));
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, quick);
                Pop3Connection c = open(pop3)) {
            assertThat(c.login("test", "password")).startsWith("+OK");
            assertThat(c.readLine()).isEqualTo("-ERR Disconnected for inactivity");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aThousandPipelinedCommandsAreAllAnsweredInOrder() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults());
                Pop3Connection c = open(pop3)) {
            pop3.deliver("bob", "Subject: one\r\n\r\nbody\r\n");
            StringBuilder batch = new StringBuilder("USER bob\r\nPASS password\r\n");
            String[] commands = {"NOOP", "STAT", "LIST 1", "UIDL 1", "LIST 2"};
            for (int i = 0; i < 1000; i++) {
                batch.append(commands[i % commands.length]).append("\r\n");
            }
            // bob's SHA256-CRYPT check holds the session while all 1000 are in its buffer
            c.send(batch.append("QUIT\r\n").toString());
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).isEqualTo("+OK Logged in.");
            for (int i = 0; i < 1000; i++) {
                String reply = c.readLine();
                switch (commands[i % commands.length]) {
                    case "NOOP" -> assertThat(reply).as("reply %d", i).isEqualTo("+OK");
                    case "STAT" -> assertThat(reply).as("reply %d", i).startsWith("+OK 1 ");
                    case "LIST 1" -> assertThat(reply).as("reply %d", i).startsWith("+OK 1 ");
                    case "UIDL 1" -> assertThat(reply).as("reply %d", i).startsWith("+OK 1 1");
                    default -> assertThat(reply).as("reply %d", i).startsWith("-ERR");
                }
            }
            assertThat(c.readLine()).startsWith("+OK maillab POP3 server signing off");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void oneAddressHoldingManyIdleConnectionsLeavesRoomForOthers() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults())) {
            List<Socket> held = new ArrayList<>();
            try {
                int greeted = 0;
                int refused = 0;
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress("127.0.0.2", 0));
                    s.connect(new InetSocketAddress("127.0.0.1", pop3.port()));
                    held.add(s);
                    Pop3Connection c = new Pop3Connection(s);
                    String first = c.readLine();
                    if (first.startsWith("+OK")) {
                        greeted++;
                    } else {
                        assertThat(first)
                                .isEqualTo("-ERR [SYS/TEMP] Too many connections from your address, try again later");
                        refused++;
                    }
                }
                assertThat(greeted).isEqualTo(20);
                assertThat(refused).isEqualTo(280);
                long start = System.nanoTime();
                try (Pop3Connection other = open(pop3)) {
                    assertThat(other.login("test", "password")).startsWith("+OK");
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aClientDrippingOneOctetAtATimeIsClosedAtTheCommandDeadline() throws IOException {
        Map<String, Object> deadline = props(
                false,
                200,
                20,
                Duration.ofMinutes(10),
                Duration.ofSeconds(1),
                Duration.ofMillis(1),
                Duration.ofMillis(1));
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, deadline);
                Pop3Connection c = open(pop3)) {
            assertThat(c.command("CAPA")).startsWith("+OK"); // whole lines are fine
            c.readMultiLine();
            long start = System.nanoTime();
            String line = "USER " + "x".repeat(100);
            try {
                for (int i = 0; i < line.length(); i++) {
                    c.send(line.substring(i, i + 1));
                    sleep(100); // each octet well within any idle timeout, the line never ends
                    if (Duration.ofNanos(System.nanoTime() - start).toSeconds() > 5) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // the server closed while we were still sending
            }
            assertThat(c.readLine()).isEqualTo("-ERR Command line not completed in time");
            assertThat(c.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        }
    }

    @Test
    void lineLimitCountsTheCrlfAndALongerLineIsSkippedToItsEnd() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, defaults());
                Pop3Connection c = open(pop3)) {
            // 512 octets with CRLF is the limit; 513 is over it
            assertThat(c.command("USER " + "x".repeat(505))).startsWith("+OK");
            assertThat(c.command("USER " + "x".repeat(506)))
                    .isEqualTo("-ERR Line too long (more than 512 octets with CRLF)");
            // 2000 octets and the next command in the same packet: the long one gets -ERR, the next its answer
            c.send("USER " + "y".repeat(2000) + "\r\nUSER test\r\n");
            assertThat(c.readLine()).startsWith("-ERR Line too long");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.command("PASS password")).isEqualTo("+OK Logged in.");
        }
    }

    @Test
    void aClientVanishingMidRetrGivesBackTheFileAndTheLock() throws Exception {
        Map<String, Object> locking =
                props(true, 200, Duration.ofMinutes(10), Duration.ofMillis(1), Duration.ofMillis(1));
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, locking)) {
            StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
            while (big.length() < 8_000_000) {
                big.append("0123456789".repeat(7)).append("\r\n");
            }
            pop3.deliver("test", big.toString());
            try (Pop3Connection c = open(pop3)) {
                c.socket().setReceiveBufferSize(4096);
                assertThat(c.login("test", "password")).startsWith("+OK");
                c.send("RETR 1\r\n");
                assertThat(c.readLine()).startsWith("+OK");
                assertThat(openFilesUnder(pop3.maildir("test"))).isNotEmpty(); // the server is still sending
            } // gone mid-message, without QUIT
            for (int i = 0; i < 100 && !openFilesUnder(pop3.maildir("test")).isEmpty(); i++) {
                sleep(50);
            }
            assertThat(openFilesUnder(pop3.maildir("test"))).isEmpty();
            try (Pop3Connection again = open(pop3)) {
                assertThat(again.login("test", "password")).isEqualTo("+OK Logged in.");
            }
        }
    }

    /** This JVM's open file descriptors that point under {@code dir} (Linux /proc). */
    private static List<Path> openFilesUnder(Path dir) throws IOException {
        Path real = dir.toRealPath();
        List<Path> open = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return open;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
