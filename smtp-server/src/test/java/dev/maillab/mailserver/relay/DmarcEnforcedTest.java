package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * example.test's server with {@code maillab.smtp.sender-auth.dmarc-enforce=true}: what fails DMARC of a domain with
 * {@code p=reject} gets {@code 550 5.7.1} at the end of DATA and nothing is stored; what passes is delivered.
 */
class DmarcEnforcedTest {

    @TempDir
    static Path dir;

    static LabDns dns;
    static DomainHost local;
    static DomainHost test;

    @BeforeAll
    static void startLab() throws Exception {
        dns = new LabDns(dir.resolve("zones"));
        int port = DomainHost.freePort();
        test = DomainHost.exampleTest(dir.resolve("test"), dns, port, "--maillab.smtp.sender-auth.dmarc-enforce=true")
                .start();
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port).start();
    }

    @AfterAll
    static void stopLab() {
        local.close();
        test.close();
        dns.close();
    }

    private static void relay(String sender, String from, String subject) throws Exception {
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            assertThat(c.sendMail(
                                    sender,
                                    List.of("bob@example.test"),
                                    "From: " + from + "\r\nTo: bob@example.test\r\nSubject: " + subject
                                            + "\r\n\r\nhello\r\n")
                            .code())
                    .isEqualTo(250);
        }
    }

    @Test
    void aClientOutsideExampleLocalsSpfClaimingItGets550AndNothingIsStored() throws Exception {
        int before = test.messages("bob").size();
        try (SmtpConnection c = new SmtpConnection("127.0.0.3", test.smtpPort(), InetAddress.getByName("127.0.0.5"))) {
            c.greeting();
            c.command("EHLO mail.example.local");
            SmtpConnection.Reply reply = c.sendMail(
                    "alice@example.local",
                    List.of("bob@example.test"),
                    "From: alice@example.local\r\nTo: bob@example.test\r\nSubject: outsider\r\n\r\nhi\r\n");
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).startsWith("5.7.1 ").contains("DMARC").contains("example.local");
            // the session goes on
            assertThat(c.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(test.messages("bob")).hasSize(before);
    }

    @Test
    void aForgedFromRelayedByExampleLocalIsRefusedAndReturnedToItsSender() throws Exception {
        int bobBefore = test.messages("bob").size();
        int aliceBefore = local.messages("alice").size();
        relay("alice@example.local", "someone@example.test", "forged from");
        await("the DSN in alice's Maildir", () -> local.messages("alice").size() > aliceBefore);
        assertThat(local.messages("alice").get(aliceBefore))
                .contains("Status: 5.7.1")
                .contains("Diagnostic-Code: smtp; 550 5.7.1 ")
                .contains("Subject: forged from");
        assertThat(test.messages("bob").stream().filter(m -> m.contains("Subject: forged from")))
                .isEmpty();
        assertThat(test.messages("bob")).hasSize(bobBefore);
    }

    @Test
    void whatPassesIsDelivered() throws Exception {
        int before = test.messages("bob").size();
        relay("alice@example.local", "alice@example.local", "genuine");
        await("bob's copy", () -> test.messages("bob").size() > before);
        assertThat(test.messages("bob").get(before))
                .contains("spf=pass smtp.mailfrom=example.local; dkim=pass header.d=example.local header.s=lab;"
                        + " dmarc=pass (p=reject) header.from=example.local\r\n")
                .contains("Subject: genuine");
    }
}
