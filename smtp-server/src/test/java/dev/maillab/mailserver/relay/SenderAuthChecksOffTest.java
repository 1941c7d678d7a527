package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maillab.smtp.sender-auth.check-inbound=false} at example.test (what the bench runs, beside a Postfix that
 * checks nothing): example.local still signs, example.test records no result and delivers.
 */
class SenderAuthChecksOffTest {

    @TempDir
    Path dir;

    @Test
    void withoutChecksTheCopyIsSignedButCarriesNoAuthenticationResults() throws Exception {
        CapturedLog.clear();
        int port = DomainHost.freePort();
        try (LabDns dns = new LabDns(dir.resolve("zones"));
                DomainHost test = DomainHost.exampleTest(
                                dir.resolve("test"), dns, port, "--maillab.smtp.sender-auth.check-inbound=false")
                        .start();
                DomainHost local =
                        DomainHost.exampleLocal(dir.resolve("local"), dns, port).start()) {
            local.send(
                    "alice@example.local",
                    List.of("bob@example.test"),
                    "From: alice@example.local\r\nTo: bob@example.test\r\nSubject: unchecked\r\n\r\nhello\r\n");

            await("bob's copy", () -> !test.messages("bob").isEmpty());
            String copy = test.messages("bob").get(0);
            assertThat(copy).contains("DKIM-Signature: ").doesNotContain("Authentication-Results:");
            await(
                    "the delivery line",
                    () -> CapturedLog.messages("postfix/local").stream()
                            .anyMatch(l -> l.contains("to=<bob@example.test>")));
            assertThat(CapturedLog.messages("postfix/local"))
                    .filteredOn(l -> l.contains("to=<bob@example.test>"))
                    .allSatisfy(l -> assertThat(l).doesNotContain("spf="));
        }
    }
}
