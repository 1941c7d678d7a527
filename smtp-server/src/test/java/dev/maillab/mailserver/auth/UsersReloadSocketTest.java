package dev.maillab.mailserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.mailserver.tls.InProcessMailServer;
import dev.maillab.testkit.Pop3Connection;
import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A users file broken while the server runs, seen through real SMTP and POP3 sessions: mail is still accepted
 * and logins still work with the last good users, an ERROR names the file and line, and a good file is taken.
 */
@ExtendWith(OutputCaptureExtension.class)
class UsersReloadSocketTest {

    @TempDir
    Path dir;

    InProcessMailServer server;

    private Path users;

    private InProcessMailServer start() throws IOException {
        users = dir.resolve("users");
        if (!Files.exists(users)) {
            Files.copy(Path.of("../config/users"), users);
        }
        server = new InProcessMailServer(
                users, null, dir.resolve("mail"), dir.resolve("tls"), "--maillab.users.reload-settle=200ms");
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String rcpt(String address) throws IOException {
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", server.smtpPort())) {
            c.greeting();
            c.command("EHLO client.example.local");
            assertThat(c.command("MAIL FROM:<someone@example.org>").code()).isEqualTo(250);
            String reply = c.command("RCPT TO:<" + address + ">").toString();
            c.command("QUIT");
            return reply;
        }
    }

    private String pop3Login(String user, String password) throws IOException {
        try (Pop3Connection c = new Pop3Connection(server.pop3Port())) {
            c.readLine();
            c.command("USER " + user);
            String reply = c.command("PASS " + password);
            c.command("QUIT");
            return reply;
        }
    }

    private boolean stale() {
        return server.context
                .getBean(PasswdFileUserDirectory.class)
                .usersStatus()
                .stale();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 20 s").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void anEmptiedUsersFileStillAcceptsMailAndLogins(CapturedOutput output) throws Exception {
        start();
        assertThat(rcpt("test@example.local")).startsWith("250");

        Files.write(users, new byte[0]);
        await(this::stale);

        assertThat(rcpt("test@example.local")).startsWith("250");
        assertThat(rcpt("alice@example.local")).startsWith("250");
        assertThat(pop3Login("test", "password")).startsWith("+OK");
        assertThat(output.getOut()).contains("ERROR").contains("users: " + users + ": has no entries any more");
    }

    @Test
    void aHalfWrittenLineKeepsTheLastGoodUsersAndThenAGoodFileIsTaken(CapturedOutput output) throws Exception {
        start();
        Files.writeString(users, "test:{PLAI");
        await(this::stale);

        assertThat(rcpt("test@example.local")).startsWith("250");
        assertThat(rcpt("bob@example.local")).startsWith("250");
        assertThat(pop3Login("test", "password")).startsWith("+OK");
        assertThat(output.getOut()).contains("users: " + users + ":1: unknown scheme {PLAI");
        assertThat(server.context
                        .getBean(UsersHealthIndicator.class)
                        .health()
                        .getDetails()
                        .get("users"))
                .asString()
                .contains("stale=true")
                .contains("unknown scheme {PLAI");

        Files.write(users, List.of("test:{PLAIN}password:1000:1000:::", "carol:{PLAIN}carol-pw:1003:1003:::"));
        await(() -> !stale());
        assertThat(rcpt("carol@example.local")).startsWith("250");
        assertThat(pop3Login("carol", "carol-pw")).startsWith("+OK");
        assertThat(rcpt("alice@example.local")).startsWith("550");
    }

    @Test
    void aBrokenUsersFileStopsTheStartWithTheSameMessage(CapturedOutput output) throws Exception {
        users = dir.resolve("users");
        Files.write(users, List.of("test:{PLAIN}password:1000:1000:::", "bob:{PLAI"));
        assertThatThrownBy(this::start)
                .hasRootCauseInstanceOf(UsersFileException.class)
                .rootCause()
                .hasMessage("users: " + users + ":2: unknown scheme {PLAI");
        // Spring Boot's failure analysis, which the launcher shows when the start fails
        assertThat(output.getOut() + output.getErr())
                .contains("Description:")
                .contains("users: " + users + ":2: unknown scheme {PLAI");
    }
}
