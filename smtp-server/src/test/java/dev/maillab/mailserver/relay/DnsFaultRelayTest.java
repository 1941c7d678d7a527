package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.fault.FaultRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DNS fault on the remote domain as the queue sees it: the lab's dns-server answers SERVFAIL for example.test's
 * MX, so example.local's queue defers the message without trying any host; once the rule is gone a flush delivers
 * it. Retries only after 10 minutes here, so the flush is what delivers.
 */
class DnsFaultRelayTest {

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
    void aServfailForTheRemoteMxDefersTheMessageAndAFlushDeliversItOnceTheRuleIsGone() throws Exception {
        CapturedLog.clear();
        FaultRule servfail = dns.faults().add("example.test", "MX", "servfail", null, null);
        int port = DomainHost.freePort();
        try (DomainHost test =
                        DomainHost.exampleTest(dir.resolve("test"), dns, port).start();
                DomainHost local = DomainHost.exampleLocal(
                                dir.resolve("local"),
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
