package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An observer that fails at every call changes nothing a client sees: recording never throws into a session. */
class FailingObserverSmtpTest {

    @TempDir
    Path dir;

    /** Throws from every call. */
    static final class Failing implements SmtpObserver.SessionObserver {
        @Override
        public void client(String line) {
            throw new IllegalStateException("client");
        }

        @Override
        public void server(String line) {
            throw new IllegalStateException("server");
        }

        @Override
        public void queueId(String queueId) {
            throw new IllegalStateException("queueId");
        }

        @Override
        public void delivered(SmtpObserver.Delivery delivery) {
            throw new IllegalStateException("delivered");
        }

        @Override
        public void ended(String helo, String tls, String authUser) {
            throw new IllegalStateException("ended");
        }
    }

    @Test
    void aSessionWhoseObserverThrowsEverywhereDeliversAsEver() throws Exception {
        deliversTwice(new SmtpTestServer(dir, Map.of(), (session, client, name) -> new Failing()));
    }

    @Test
    void aSessionWhoseObserverCannotStartDeliversAsEver() throws Exception {
        deliversTwice(new SmtpTestServer(dir, Map.of(), (session, client, name) -> {
            throw new IllegalStateException("sessionStarted");
        }));
    }

    private static void deliversTwice(SmtpTestServer server) throws Exception {
        try (server;
                SmtpConnection c = server.connect()) {
            assertThat(c.greeting().code()).isEqualTo(220);
            assertThat(c.command("EHLO client.example.local").code()).isEqualTo(250);
            for (int i = 0; i < 2; i++) {
                assertThat(c.sendMail(
                                        "app@example.local",
                                        List.of("alice@example.local"),
                                        "Subject: " + i + "\r\n\r\nx\r\n")
                                .code())
                        .isEqualTo(250);
            }
            assertThat(c.command("RCPT TO:<x@example.local>").code()).isEqualTo(503);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
            assertThat(server.messages("alice")).hasSize(2);
        }
    }
}
