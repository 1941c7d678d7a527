package dev.maillab.mailserver.pop3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.maildir.InMemoryMaildropStore;
import dev.maillab.mailserver.smtp.SmtpTestServer;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.testkit.Pop3Connection;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a POP3 client is told when the store fails, over each transport the server offers (one subclass each): a
 * maildrop that cannot be opened, a message that cannot be read, an UPDATE that cannot be written. The server runs
 * with lock-session, so a maildrop lock left behind would show as {@code [IN-USE]}; after every fault the session
 * ends cleanly and the next one logs in.
 */
abstract class Pop3StoreFaultTests {

    static final String ONE = "Subject: one\r\n\r\nfirst\r\n";
    static final String TWO = "Subject: two\r\n\r\nsecond\r\n";

    @TempDir
    Path dir;

    final InMemoryMaildropStore store = new InMemoryMaildropStore();
    Pop3TestServer pop3;
    String uid1;
    String uid2;

    /** A session in the AUTHORIZATION state, greeted, over the transport under test. */
    abstract Pop3Connection session(Pop3TestServer pop3) throws Exception;

    @BeforeEach
    void start() throws Exception {
        SSLContext tls = ServerTlsContext.create(SmtpTestServer.TEST_TLS, "mail.example.local");
        pop3 = new Pop3TestServer(dir, Map.of("lock-session", true), tls, store);
        uid1 = store.add("test", ONE);
        uid2 = store.add("test", TWO);
    }

    @AfterEach
    void stop() {
        pop3.close();
    }

    @Test
    void aMaildropThatCannotBeOpenedRefusesTheLoginForNowAndALaterLoginWorks() throws Exception {
        store.failOpen("Permission denied");
        try (Pop3Connection c = session(pop3)) {
            assertThat(c.login("test", "password"))
                    .isEqualTo("-ERR [SYS/TEMP] Mailbox is not available, try again later");
            assertThat(c.command("STAT")).isEqualTo("-ERR Log in first (USER and PASS, APOP or AUTH)");
            store.repair();
            assertThat(c.login("test", "password")).isEqualTo("+OK Logged in.");
            assertThat(c.command("STAT")).isEqualTo("+OK 2 " + (ONE.length() + TWO.length()));
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        assertHealthy();
    }

    @Test
    void aMessageThatCannotBeReadIsATemporaryErrorAndTheSessionGoesOn() throws Exception {
        store.unreadable(uid1);
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("RETR 1")).isEqualTo("-ERR [SYS/TEMP] Message 1 cannot be read, try again later");
            assertThat(c.command("TOP 1 0")).isEqualTo("-ERR [SYS/TEMP] Message 1 cannot be read, try again later");
            assertThat(c.command("RETR 2")).startsWith("+OK");
            assertThat(c.readBody()).isEqualTo(TWO.getBytes(ISO_8859_1));
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        // only what was shown is seen
        assertThat(store.seen("test")).containsExactly(uid2);
        assertThat(pop3.counter("pop3.retrieved.messages")).isEqualTo(1.0);
        assertHealthy();
    }

    @Test
    void aMessageRemovedSinceLoginIsReportedGoneNotAsAFault() throws Exception {
        try (Pop3Connection c = loggedIn()) {
            store.remove("test", uid1);
            assertThat(c.command("RETR 1")).isEqualTo("-ERR Message (1) does not exist.");
            assertThat(c.command("RETR 2")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        assertHealthy();
    }

    @Test
    void aMessageThatFailsPartWayEndsTheConnectionAndChangesNothing() throws Exception {
        store.unreadableAfter(uid1, 8);
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("DELE 2")).startsWith("+OK");
            c.send("RETR 1\r\n");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(store.uids("test")).containsExactly(uid1, uid2);
        assertThat(store.seen("test")).isEmpty();
        assertHealthy();
    }

    @Test
    void anUpdateThatCannotBeWrittenAtQuitIsAnErrAndTheMaildropStaysAsItWas() throws Exception {
        store.failUpdate("Read-only file system");
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("RETR 2")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("QUIT")).isEqualTo("-ERR [SYS/TEMP] Some deleted messages were not removed");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(store.uids("test")).containsExactly(uid1, uid2);
        assertThat(store.seen("test")).isEmpty();
        store.repair();
        assertHealthy();
    }

    private Pop3Connection loggedIn() throws Exception {
        Pop3Connection c = session(pop3);
        assertThat(c.login("test", "password")).isEqualTo("+OK Logged in.");
        return c;
    }

    /** No session is left open, no maildrop lock is left behind: the next session logs in and sees the maildrop. */
    private void assertHealthy() throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (activeSessions() != 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(activeSessions()).isZero();
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("UIDL")).startsWith("+OK");
            assertThat(c.readMultiLine()).hasSameSizeAs(store.uids("test"));
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    private double activeSessions() {
        return pop3.registry.get("pop3.sessions.active").gauge().value();
    }
}
