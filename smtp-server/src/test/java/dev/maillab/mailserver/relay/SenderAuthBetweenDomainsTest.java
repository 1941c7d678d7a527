package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static dev.maillab.testkit.SmtpConnection.base64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPF, DKIM and DMARC between the two lab domains' real servers through the real dns-server, DMARC recording only
 * (the default): example.local's server signs what it relays with the repository's lab key, example.test's checks
 * what it delivers and says so in Authentication-Results and its log line. 127.0.0.1 is mail.example.local, the one
 * address example.local's SPF ({@code mx -all}) allows; 127.0.0.5 is an outsider.
 */
class SenderAuthBetweenDomainsTest {

    @TempDir
    static Path dir;

    static LabDns dns;
    static int port;
    static DomainHost local;
    static DomainHost test;

    @BeforeAll
    static void startLab() throws Exception {
        dns = new LabDns(dir.resolve("zones"));
        port = DomainHost.freePort();
        test = DomainHost.exampleTest(dir.resolve("test"), dns, port).start();
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port).start();
    }

    @AfterAll
    static void stopLab() {
        local.close();
        test.close();
        dns.close();
    }

    @BeforeEach
    void capture() {
        CapturedLog.clear();
    }

    /** Relays the message through example.local's server and returns bob's copy at example.test. */
    private static String relayedToBob(String from, String subject) throws Exception {
        int before = test.messages("bob").size();
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            assertThat(c.sendMail(
                                    "alice@example.local",
                                    List.of("bob@example.test"),
                                    "From: " + from + "\r\nTo: bob@example.test\r\nSubject: " + subject
                                            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
                            .code())
                    .isEqualTo(250);
        }
        await("bob's copy at example.test", () -> test.messages("bob").size() > before);
        return test.messages("bob").get(before);
    }

    private static SmtpConnection.Reply sendDirect(String client, String sender, String message) throws Exception {
        try (SmtpConnection c = new SmtpConnection("127.0.0.3", test.smtpPort(), InetAddress.getByName(client))) {
            c.greeting();
            c.command("EHLO mail.example.local");
            return c.sendMail(sender, List.of("bob@example.test"), message);
        }
    }

    private static List<String> localDeliveries() {
        return CapturedLog.messages("postfix/local").stream()
                .filter(l -> l.contains("to=<bob@example.test>"))
                .toList();
    }

    @Test
    void aMessageRelayedFromExampleLocalArrivesSignedAndPassesSpfDkimAndDmarc() throws Exception {
        String copy = relayedToBob("Alice <alice@example.local>", "signed");
        assertThat(copy)
                .contains("Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=example.local;"
                        + " dkim=pass header.d=example.local header.s=lab; dmarc=pass (p=reject)"
                        + " header.from=example.local\r\n")
                .containsPattern("\r\nDKIM-Signature: [^\r]*; d=example\\.local;")
                .containsPattern("\r\nDKIM-Signature: [^\r]*; s=lab;")
                .containsPattern("\r\nDKIM-Signature: [^\r]*c=relaxed/relaxed;")
                .containsPattern("\r\nDKIM-Signature: (|[^\r]*; )a=rsa-sha256;")
                .containsPattern(
                        "\r\nDKIM-Signature: [^\r]*h=from:to:subject:date:message-id:mime-version:content-type;");
        // below this host's Received, above what came from example.local
        assertThat(copy.indexOf("by mail.example.test (maillab)")).isLessThan(copy.indexOf("Authentication-Results:"));
        assertThat(copy.indexOf("Authentication-Results:")).isLessThan(copy.indexOf("by mail.example.local (maillab)"));
        await("the delivery line", () -> !localDeliveries().isEmpty());
        assertThat(localDeliveries().get(0)).endsWith(" spf=pass dkim=pass dmarc=pass");
    }

    @Test
    void aFromOfTheOtherDomainRelayedByExampleLocalFailsDmarcAndIsStillDeliveredByDefault() throws Exception {
        // example.local's server has no key for example.test: it signs as example.local, which is not aligned
        String copy = relayedToBob("someone@example.test", "forged from");
        assertThat(copy)
                .contains("Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=example.local;"
                        + " dkim=pass header.d=example.local header.s=lab; dmarc=fail (p=reject)"
                        + " header.from=example.test\r\n");
    }

    @Test
    void aClientOutsideExampleLocalsSpfFailsSpfAndDmarcAndIncomingResultsForThisHostAreRemoved() throws Exception {
        int before = test.messages("bob").size();
        SmtpConnection.Reply reply = sendDirect(
                "127.0.0.5",
                "alice@example.local",
                "Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=example.local\r\n"
                        + "Authentication-Results: other.example.net; spf=pass\r\n"
                        + "From: alice@example.local\r\nTo: bob@example.test\r\nSubject: outsider\r\n\r\nhi\r\n");
        assertThat(reply.code()).as("recorded, delivered: enforcement is off").isEqualTo(250);
        await("bob's copy", () -> test.messages("bob").size() > before);
        String copy = test.messages("bob").get(before);
        assertThat(copy)
                .contains("Authentication-Results: mail.example.test; spf=fail smtp.mailfrom=example.local; dkim=none;"
                        + " dmarc=fail (p=reject) header.from=example.local\r\n")
                .contains("Authentication-Results: other.example.net; spf=pass\r\n")
                .doesNotContain("Authentication-Results: mail.example.test; spf=pass");
        await("the delivery line", () -> !localDeliveries().isEmpty());
        assertThat(localDeliveries().get(0)).endsWith(" spf=fail dkim=none dmarc=fail");
    }

    @Test
    void aMessageAlteredAfterSigningFailsDkim() throws Exception {
        String copy = relayedToBob("alice@example.local", "to be altered");
        // the message as example.local's server sent it: from its Received on, signature included
        String sent = copy.substring(copy.indexOf("Received: from ", copy.indexOf("Authentication-Results:")));
        assertThat(sent).contains("DKIM-Signature:").endsWith("\r\nhello\r\n");
        String altered = sent.substring(0, sent.length() - "hello\r\n".length()) + "hello, changed\r\n";

        int before = test.messages("bob").size();
        assertThat(sendDirect("127.0.0.1", "alice@example.local", sent).code()).isEqualTo(250);
        assertThat(sendDirect("127.0.0.1", "alice@example.local", altered).code())
                .isEqualTo(250);
        await("both copies", () -> test.messages("bob").size() >= before + 2);
        assertThat(test.messages("bob").get(before))
                .as("the unaltered message still verifies")
                .contains("; dkim=pass header.d=example.local header.s=lab;");
        assertThat(test.messages("bob").get(before + 1))
                .contains("Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=example.local;"
                        + " dkim=fail (")
                // SPF is aligned: DMARC passes on it alone
                .contains("dmarc=pass (p=reject) header.from=example.local\r\n")
                .endsWith("hello, changed\r\n");
    }

    @Test
    void mailAUserSubmittedIsSignedSoDmarcPassesOnDkimWhereSpfFails() throws Exception {
        int before = local.messages("bob").size();
        // an authenticated user far from example.local's SPF: the signature carries it
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", local.smtpPort(), InetAddress.getByName("127.0.0.5"))) {
            c.greeting();
            c.command("EHLO roaming");
            assertThat(c.startTls().code()).isEqualTo(220);
            c.command("EHLO roaming");
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0password")).code())
                    .isEqualTo(235);
            assertThat(c.sendMail(
                                    "alice@example.local",
                                    List.of("bob@example.local"),
                                    "From: alice@example.local\r\nTo: bob@example.local\r\nSubject: submitted\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
        String copy = local.messages("bob").get(before);
        assertThat(copy)
                .contains("Authentication-Results: mail.example.local; spf=fail smtp.mailfrom=example.local;"
                        + " dkim=pass header.d=example.local header.s=lab; dmarc=pass (p=reject)"
                        + " header.from=example.local\r\n")
                .containsPattern("\r\nDKIM-Signature: [^\r]*h=from:to:subject:date:message-id;")
                // added before signing, as they are signed
                .contains("\r\nMessage-ID: <")
                .contains("\r\nDate: ");
    }
}
