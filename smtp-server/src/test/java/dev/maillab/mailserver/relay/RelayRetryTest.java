package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.relay.queue.Envelope;
import dev.maillab.testkit.SmtpConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other domain's server down: the message waits in example.local's queue (deferred, with the reason), is
 * delivered once example.test's server is up, survives a restart of its own server on the way, and goes back to its
 * sender when its lifetime is over. Each test has servers of its own; retries come after 200 ms, doubling to 1 s.
 */
class RelayRetryTest {

    @TempDir
    static Path zones;

    static LabDns dns;

    @TempDir
    Path dir;

    int port;
    DomainHost local;
    DomainHost test;

    @BeforeAll
    static void startDns() throws Exception {
        dns = new LabDns(zones);
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @BeforeEach
    void prepare() throws Exception {
        CapturedLog.clear();
        port = DomainHost.freePort();
        test = DomainHost.exampleTest(dir.resolve("test"), dns, port);
    }

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
        test.close();
    }

    private String send(String subject, String... recipients) throws Exception {
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply =
                    c.sendMail("alice@example.local", List.of(recipients), "Subject: " + subject + "\r\n\r\nbody\r\n");
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
            return reply.text().replaceAll(".*queued as ", "");
        }
    }

    @Test
    void deferredWhileTheOtherServerIsDownThenDeliveredWhenItIsUp() throws Exception {
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port).start();
        String id = send("waiting", "bob@example.test");
        String refused = "connect to mail.example.test[127.0.0.3]:" + port + ": Connection refused";
        await("a deferred line", () -> CapturedLog.logged("postfix/smtp", "status=deferred (" + refused + ")"));
        assertThat(CapturedLog.messages("postfix/smtp"))
                .anySatisfy(l -> assertThat(l)
                        .matches(Pattern.quote(id + ": to=<bob@example.test>, relay=none, delay=")
                                + "\\d+\\.\\d\\d, dsn=4\\.4\\.1, status=deferred \\(" + Pattern.quote(refused)
                                + "\\)"));
        // the line comes first, then the envelope is written
        await(
                "the attempt counted",
                () -> local.queue()
                        .find(id)
                        .map(q -> q.envelope().attempts() > 0)
                        .orElse(false));
        Envelope queued = local.queue().find(id).orElseThrow().envelope();
        assertThat(queued.sender()).isEqualTo("alice@example.local");
        assertThat(queued.recipients()).containsExactly("bob@example.test");
        assertThat(queued.attempts()).isPositive();
        assertThat(queued.lastError()).isEqualTo(refused);
        assertThat(test.messages("bob")).isEmpty();

        test.start();
        await("bob's copy", () -> !test.messages("bob").isEmpty());
        assertThat(test.messages("bob").get(0)).contains("Subject: waiting");
        await(
                "the sent line",
                () -> CapturedLog.logged("postfix/smtp", id + ": to=<bob@example.test>, relay=mail.example.test"));
        await("the queue empty", () -> local.queue().size() == 0);
        assertThat(test.messages("bob")).hasSize(1);
    }

    @Test
    void aQueuedMessageSurvivesARestartAndIsDeliveredAfterIt() throws Exception {
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port).start();
        String id = send("across a restart", "bob@example.test", "test@example.test");
        await("a deferred line", () -> CapturedLog.logged("postfix/smtp", id + ": to=<test@example.test>, relay=none"));
        local.stop();

        Path active = local.queueDirectory().resolve("active");
        assertThat(active.resolve(id + ".msg")).content().contains("Subject: across a restart");
        assertThat(active.resolve(id + ".env"))
                .content()
                .contains("id: " + id + "\n", "sender: alice@example.local\n")
                .contains("rcpt: bob@example.test\n", "rcpt: test@example.test\n")
                .containsPattern("attempts: [1-9]");

        test.start();
        local.start();
        await(
                "both copies",
                () -> !test.messages("bob").isEmpty() && !test.messages("test").isEmpty());
        assertThat(CapturedLog.logged("postfix/qmgr", "resumed 1 queued message(s)"))
                .isTrue();
        await("the queue empty", () -> local.queue().size() == 0);
        assertThat(Files.exists(active.resolve(id + ".msg"))).isFalse();
        assertThat(Files.exists(active.resolve(id + ".env"))).isFalse();
    }

    @Test
    void aMessageUndeliveredForItsWholeLifetimeGoesBackToItsSender() throws Exception {
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port, "--maillab.relay.max-lifetime=1s")
                .start();
        String id = send("too late", "bob@example.test");
        await("the DSN in alice's Maildir", () -> !local.messages("alice").isEmpty());
        DsnAssert.dsn(local.messages("alice").get(0))
                .isBounceFrom("mail.example.local", id)
                .reportsFailed("bob@example.test", "4.4.1", null)
                .returnsHeaders("Subject: too late");
        assertThat(local.messages("alice").get(0))
                .contains("Diagnostic-Code: X-Postfix; connect to mail.example.test[127.0.0.3]:" + port
                        + ": Connection refused");
        assertThat(CapturedLog.logged(
                        "postfix/qmgr", id + ": from=<alice@example.local>, status=expired, returned to sender"))
                .isTrue();
        await("the queue empty", () -> local.queue().size() == 0);
    }

    @Test
    void aFullQueueIsATemporaryRefusalOfRelayedRecipientsOnly() throws Exception {
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port, "--maillab.relay.max-messages=1")
                .start();
        send("fills the queue", "bob@example.test");
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<bob@example.test>").toString())
                    .isEqualTo("452 4.3.1 <bob@example.test>: Insufficient system storage");
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
        }
        assertThat(local.queue().size()).isEqualTo(1);
    }

    @Test
    void aRecipientTheOtherServerDefersIsTriedAgainAloneTheOthersAreDone() throws Exception {
        // example.test's server takes one recipient per transaction: the second RCPT gets 452 4.5.3
        test = DomainHost.exampleTest(dir.resolve("test"), dns, port, "--maillab.smtp.max-recipients=1")
                .start();
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port).start();
        String id = send("one at a time", "bob@example.test", "test@example.test");
        await(
                "both copies",
                () -> !test.messages("bob").isEmpty() && !test.messages("test").isEmpty());
        // the copy is in the other Maildir before its 250 reaches this server, which logs the delivery after it
        await(
                "the retry's log line",
                () -> CapturedLog.messages("postfix/smtp").stream()
                        .anyMatch(l -> l.startsWith(id + ": to=<test@example.test>") && l.contains("status=sent")));
        assertThat(CapturedLog.messages("postfix/smtp"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith(id + ": to=<test@example.test>, relay=mail.example.test[127.0.0.3]:" + port)
                        .endsWith("dsn=4.5.3, status=deferred (host mail.example.test[127.0.0.3] said: 452 4.5.3"
                                + " Error: too many recipients (in reply to RCPT TO command))"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith(id + ": to=<test@example.test>, relay=mail.example.test[127.0.0.3]:" + port)
                        .contains("status=sent"));
        assertThat(CapturedLog.messages("postfix/smtp").stream()
                        .filter(l -> l.startsWith(id + ": to=<bob@example.test>"))
                        .toList())
                .as("bob was done after the first attempt")
                .singleElement()
                .satisfies(l -> assertThat(l).contains("status=sent"));
        await("the queue empty", () -> local.queue().size() == 0);
    }

    @Test
    void aServerWhoseCertificateIsNotTheLabCasFailsTheHandshakeAndTheMessageWaits() throws Exception {
        // another CA: what a server outside the lab, or a man in the middle, would show
        test = DomainHost.exampleTest(
                        dir.resolve("test"), dns, port, "--maillab.tls.directory=" + dir.resolve("another-ca"))
                .start();
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port).start();
        String id = send("not in clear", "bob@example.test");
        await(
                "a deferred line",
                () -> CapturedLog.logged("postfix/smtp", id + ": to=<bob@example.test>, relay=none, delay="));
        assertThat(CapturedLog.messages("postfix/smtp"))
                .anySatisfy(
                        l -> assertThat(l)
                                .contains(
                                        "dsn=4.7.5, status=deferred (TLS handshake with mail.example.test[127.0.0.3] failed: "));
        assertThat(test.messages("bob")).as("never sent in clear instead").isEmpty();
        assertThat(local.queue().find(id)).isPresent();
    }
}
