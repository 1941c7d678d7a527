package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.fault.FaultRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on purpose as example.local's queue sees them, each deferring a message that a flush delivers once the
 * fault is gone (retries come only after 10 minutes here, so the flush is what delivers): example.test's rules file
 * makes its RCPT answer {@code 451}; the lab's dns-server answers SERVFAIL for example.test's MX, so no host is tried.
 */
class FaultRelayTest {

    @TempDir
    static Path dir;

    static LabDns dns;

    @BeforeAll
    static void startDns() throws Exception {
        dns = new LabDns(dir.resolve("zones"));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @Test
    void aRcptFaultOnTheRemoteDefersTheMessageAndAFlushDeliversItOnceTheRuleIsGone() throws Exception {
        CapturedLog.clear();
        Path rules = dir.resolve("faults.json");
        Files.writeString(
                rules,
                "[{\"id\":\"greylist\",\"stage\":\"rcpt\",\"reply\":\"451 4.7.1 Greylisted, try again later\","
                        + "\"to\":\"bob@example.test\"}]");
        int port = DomainHost.freePort();
        try (DomainHost test = DomainHost.exampleTest(
                                dir.resolve("test"),
                                dns,
                                port,
                                "--maillab.smtp.faults.file=" + rules,
                                "--maillab.smtp.faults.reload-settle=0s")
                        .start();
                DomainHost local = DomainHost.exampleLocal(
                                dir.resolve("local"),
                                dns,
                                port,
                                "--maillab.relay.retry-initial=10m",
                                "--maillab.relay.retry-max=10m")
                        .start()) {
            String id = local.send(
                    "alice@example.local", List.of("bob@example.test"), "Subject: greylisted\r\n\r\nbody\r\n");
            await(
                    "the deferred line",
                    () -> CapturedLog.logged(
                            "postfix/smtp",
                            id + ": to=<bob@example.test>, relay=mail.example.test[127.0.0.3]:" + port));
            assertThat(CapturedLog.messages("postfix/smtp"))
                    .anySatisfy(l -> assertThat(l)
                            .startsWith(id + ": to=<bob@example.test>")
                            .contains("dsn=4.7.1, status=deferred")
                            .contains("451 4.7.1 Greylisted, try again later"));
            assertThat(CapturedLog.messages("postfix/smtpd"))
                    .anySatisfy(l -> assertThat(l)
                            .contains(": fault: RCPT from ")
                            .contains("451 4.7.1 Greylisted, try again later")
                            .contains("to=<bob@example.test> rule=<greylist>"));
            await(
                    "the attempt counted",
                    () -> local.queue()
                            .find(id)
                            .map(q -> q.envelope().attempts() > 0)
                            .orElse(false));
            assertThat(test.messages("bob")).isEmpty();

            Files.delete(rules);
            assertThat(local.queue().flush()).isEqualTo(1);
            await("bob's copy", () -> !test.messages("bob").isEmpty());
            assertThat(test.messages("bob").get(0)).contains("Subject: greylisted");
            await("the queue empty", () -> local.queue().size() == 0);
        }
    }

    @Test
    void aServfailForTheRemoteMxDefersTheMessageAndAFlushDeliversItOnceTheRuleIsGone() throws Exception {
        CapturedLog.clear();
        FaultRule servfail = dns.faults().add("example.test", "MX", "servfail", null, null);
        int port = DomainHost.freePort();
        try (DomainHost test = DomainHost.exampleTest(dir.resolve("dns-test"), dns, port)
                        .start();
                DomainHost local = DomainHost.exampleLocal(
                                dir.resolve("dns-local"),
                                dns,
                                port,
                                "--maillab.relay.retry-initial=10m",
                                "--maillab.relay.retry-max=10m")
                        .start()) {
            String id =
                    local.send("alice@example.local", List.of("bob@example.test"), "Subject: no mx\r\n\r\nbody\r\n");
            await(
                    "the deferred line",
                    () -> CapturedLog.logged("postfix/smtp", id + ": to=<bob@example.test>, relay=none"));
            assertThat(CapturedLog.messages("postfix/smtp"))
                    .anySatisfy(l -> assertThat(l)
                            .startsWith(id + ": to=<bob@example.test>, relay=none")
                            // Postfix's words for a SERVFAIL: a temporary failure, tried again later
                            .contains("dsn=4.4.3, status=deferred (Host or domain name not found. Name service error"
                                    + " for name=example.test type=MX: Host not found, try again)"));
            await(
                    "the attempt counted",
                    () -> local.queue()
                            .find(id)
                            .map(q -> q.envelope().attempts() > 0)
                            .orElse(false));
            assertThat(test.messages("bob")).isEmpty();

            assertThat(dns.faults().remove(servfail.id())).isTrue();
            assertThat(local.queue().flush()).isEqualTo(1);
            await("bob's copy", () -> !test.messages("bob").isEmpty());
            assertThat(test.messages("bob").get(0)).contains("Subject: no mx");
            await("the queue empty", () -> local.queue().size() == 0);
        }
    }
}
