package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.maildir.MaildirMaildropStore;
import dev.maillab.mailserver.maildir.MaildirObserver;
import dev.maillab.testkit.Pop3Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Observers that fail change nothing a POP3 client sees, nor what QUIT does to the Maildir. */
class FailingObserverPop3Test {

    @TempDir
    Path dir;

    /** Throws from one of its calls (a failed one is given up, so the later ones are tried one test each). */
    record FailingAt(String call) implements Pop3Observer.SessionObserver {
        @Override
        public void command(String line, String message) {
            fail("command" + (line.startsWith("DELE") ? " DELE" : ""));
        }

        @Override
        public void reply(String line) {
            fail("reply");
        }

        @Override
        public void ended(String user, String tls, String summary) {
            fail("ended");
        }

        private void fail(String at) {
            if (at.equals(call)) {
                throw new IllegalStateException(at);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reply", "command DELE", "ended", "start"})
    void aSessionWhoseObserversThrowRetrievesAndUpdatesAsEver(String call) throws Exception {
        MaildirObserver maildir = new MaildirObserver() {
            @Override
            public void moved(String user, String message, Path from, Path to) {
                throw new IllegalStateException("moved");
            }

            @Override
            public void deleted(String user, String message, Path path) {
                throw new IllegalStateException("deleted");
            }
        };
        Pop3Observer observer = (session, client) -> {
            if (call.equals("start")) {
                throw new IllegalStateException("start");
            }
            return new FailingAt(call);
        };
        try (Pop3TestServer server =
                new Pop3TestServer(dir, Map.of(), null, new MaildirMaildropStore(maildir), observer)) {
            server.deliver("bob", "Subject: one\r\n\r\n1\r\n");
            server.deliver("bob", "Subject: two\r\n\r\n2\r\n");
            try (Pop3Connection c = new Pop3Connection(server.port())) {
                assertThat(c.readLine()).startsWith("+OK");
                assertThat(c.login("bob", "password")).isEqualTo("+OK Logged in.");
                assertThat(c.command("RETR 1")).startsWith("+OK");
                assertThat(new String(c.readBody())).contains("Subject: one");
                assertThat(c.command("DELE 2")).isEqualTo("+OK Message deleted");
                assertThat(c.command("QUIT")).isEqualTo("+OK maillab POP3 server signing off (1 message deleted)");
            }
            assertThat(server.files("bob", "new")).isEmpty();
            assertThat(server.files("bob", "cur"))
                    .singleElement()
                    .satisfies(f -> assertThat(Files.readString(f)).contains("Subject: one"));
            // the next session is served as well
            try (Pop3Connection c = new Pop3Connection(server.port())) {
                assertThat(c.readLine()).startsWith("+OK");
                assertThat(c.login("bob", "password")).isEqualTo("+OK Logged in.");
                assertThat(c.command("STAT")).startsWith("+OK 1 ");
                assertThat(c.command("QUIT")).startsWith("+OK");
            }
        }
    }
}
