package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.fuzz.SocketFuzzer;
import dev.maillab.testkit.Pop3Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Thousands of damaged POP3 sessions (USER, PASS, STAT, LIST, UIDL, RETR, TOP, DELE, RSET, NOOP, QUIT with octets
 * flipped, lines lost or doubled, CR/LF/NUL injected, the connection closed or reset anywhere) against the real
 * server; then a clean client must read a fresh message intact, a pipelined batch of commands must get every one
 * of its answers, no session may be left open, and nothing may have been logged with a stack trace.
 */
class Pop3SocketFuzzTest {

    private static final int PIPELINED = 100;

    @TempDir
    Path dir;

    @Test
    void damagedSessionsLeaveTheServerCorrectAndClean() throws Exception {
        // short idle timeout: sessions the fuzzer leaves half-open end soon (5 s leaves room for a loaded machine
        // in the clean sessions after the fuzz); a tiny auth delay keeps it fast
        Map<String, Object> props = Map.of(
                "max-connections", 50,
                "max-connections-per-client", 50,
                "idle-timeout", "5s",
                "command-deadline", "5s",
                "auth-failure-delay", "1ms",
                "auth-failure-delay-max", "5ms",
                "auth-failure-forget", "1s");
        try (Pop3TestServer server = new Pop3TestServer(dir, props);
                SocketFuzzer fuzzer = new SocketFuzzer("Pop3SocketFuzzTest")) {
            for (int i = 0; i < 3; i++) {
                server.deliver("test", "Subject: seed " + i + "\r\n\r\n.dot\r\nbody " + i + "\r\n");
            }
            int ran = fuzzer.run(server.port(), Pop3SocketFuzzTest::session);

            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (active(server) != 0 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(active(server))
                    .as("POP3 sessions still open after %d sessions (seed %d)", ran, fuzzer.seed)
                    .isZero();

            String marker = UUID.randomUUID().toString();
            String message = "Subject: after the fuzz " + marker + "\r\n\r\n.leading dot\r\nbody " + marker + "\r\n";
            server.deliver("alice", message);
            String step = "connect";
            try (Pop3Connection c = new Pop3Connection(server.port())) {
                step = "greeting";
                soft.assertThat(c.readLine()).as("greeting").startsWith("+OK");
                step = "USER/PASS";
                soft.assertThat(c.login("alice", "password")).as("login").startsWith("+OK");
                step = "RETR";
                soft.assertThat(c.command("RETR 1")).as("RETR").startsWith("+OK");
                soft.assertThat(new String(c.readBody(), StandardCharsets.ISO_8859_1))
                        .as("the message, intact")
                        .endsWith(message);
            } catch (IOException e) {
                soft.fail("a clean session after the fuzz failed at " + step + ": " + e);
            }
            try (Pop3Connection c = new Pop3Connection(server.port())) {
                c.readLine();
                soft.assertThat(pipelinedAnswers(c))
                        .as("+OK answers to USER, PASS, %d NOOPs and STAT in one write", PIPELINED)
                        .isEqualTo(PIPELINED + 3);
            }
            soft.assertThat(fuzzer.stackTraces())
                    .as("logged with a stack trace (seed %d)", fuzzer.seed)
                    .isEmpty();
            soft.assertAll();
        }
    }

    /**
     * Found by the fuzzer: James' Username.of refused the domain part with an exception, logged as an ERROR. USER
     * answers any name alike (as Dovecot does, so names cannot be probed); the login fails at PASS, without a stack
     * trace.
     */
    @Test
    void aUserWithABadDomainPartFailsAtPassWithoutAStackTrace() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(dir);
                SocketFuzzer log = new SocketFuzzer("Pop3SocketFuzzTest.badDomain");
                Pop3Connection c = new Pop3Connection(server.port())) {
            c.readLine();

            String user = c.command("USER test@exa!mple");
            String pass = user.startsWith("+OK") ? c.command("PASS password") : user;
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(pass).as("the login of test@exa!mple").startsWith("-ERR");
            soft.assertThat(c.command("NOOP")).as("the session after it").startsWith("-ERR");
            soft.assertThat(log.stackTraces()).as("logged with a stack trace").isEmpty();
            soft.assertAll();
        }
    }

    /**
     * After a fuzz run (seed 19826040340797) James indexed its message list at -1 for a LIST: the below-one guard now
     * splits and trims the number exactly as James does, so no whitespace James trims can carry a 0 past it. This
     * pins the guard for every numbered command with white space James and String.strip disagree on.
     */
    @Test
    void aMessageNumberBelowOneWithANoBreakSpaceIsRefusedWithoutAStackTrace() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(dir);
                SocketFuzzer log = new SocketFuzzer("Pop3SocketFuzzTest.noBreakSpace")) {
            server.deliver("test", "Subject: one\r\n\r\nbody\r\n");
            try (Pop3Connection c = new Pop3Connection(server.port())) {
                c.readLine();
                assertThat(c.login("test", "password")).startsWith("+OK");
                SoftAssertions soft = new SoftAssertions();
                for (String command :
                        List.of("LIST 0\u00a0", "UIDL 0\u00a0", "RETR \u00a00", "TOP 0\u00a0 0", "DELE 0\u00a0")) {
                    soft.assertThat(c.command(command)).as(command).startsWith("-ERR");
                }
                soft.assertThat(c.command("STAT")).as("the session after them").startsWith("+OK 1 ");
                soft.assertThat(log.stackTraces())
                        .as("logged with a stack trace")
                        .isEmpty();
                soft.assertAll();
            }
        }
    }

    private static double active(Pop3TestServer server) {
        return server.registry.get("pop3.sessions.active").gauge().value();
    }

    /** Logs in and sends the commands in one write, as a pipelining client (RFC 2449) may; counts +OK lines. */
    private static int pipelinedAnswers(Pop3Connection c) throws IOException {
        c.send("USER alice\r\nPASS password\r\n" + "NOOP\r\n".repeat(PIPELINED) + "STAT\r\n");
        int ok = 0;
        try {
            for (int i = 0; i < PIPELINED + 3; i++) {
                ok += c.readLine().startsWith("+OK") ? 1 : 0;
            }
        } catch (IOException e) {
            // closed or timed out before all the answers came
        }
        return ok;
    }

    /** A valid session: login, then a random walk over the transaction commands. */
    static List<String> session(Random random) {
        List<String> lines = new ArrayList<>();
        lines.add("CAPA");
        lines.add("USER test");
        lines.add("PASS password");
        String[] commands = {
            "STAT", "LIST", "LIST 1", "UIDL", "UIDL 2", "RETR 1", "RETR 3", "TOP 2 0", "TOP 1 5", "DELE 2", "RSET",
            "NOOP", "RETR 99", "LIST 0"
        };
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            lines.add(commands[random.nextInt(commands.length)]);
        }
        lines.add("RSET"); // the seed messages stay for the next session, unless a mutation drops this line
        lines.add("QUIT");
        return lines;
    }
}
