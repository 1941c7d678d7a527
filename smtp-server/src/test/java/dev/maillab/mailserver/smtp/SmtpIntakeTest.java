package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.SmtpConnection.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who gets mail and who is refused, EHLO, sequence errors and the stored form, over a real socket. */
class SmtpIntakeTest extends SmtpServerPerClass {

    private static SmtpConnection greeted() throws Exception {
        SmtpConnection c = server.connect();
        assertThat(c.greeting().toString()).isEqualTo("220 mail.example.local ESMTP maillab");
        assertThat(c.command("EHLO client.example.local").code()).isEqualTo(250);
        return c;
    }

    @Test
    void ehloAdvertisesWhatIsHonouredAndNoAuthBeforeTls() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            Reply ehlo = c.command("EHLO client.example.local");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines())
                    .containsExactly(
                            "mail.example.local",
                            "PIPELINING",
                            "SIZE 10240000",
                            "STARTTLS",
                            "ENHANCEDSTATUSCODES",
                            "8BITMIME",
                            "SMTPUTF8");
        }
    }

    @Test
    void knownUserAliasAndPostmasterAreAcceptedOthersRefused() throws Exception {
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<sender@example.org>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<alice@example.local>").toString()).isEqualTo("250 2.1.5 Ok");
            assertThat(c.command("RCPT TO:<Bob@EXAMPLE.LOCAL>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<postmaster@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<postmaster>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<abuse@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<nobody@example.local>").toString())
                    .startsWith("550 5.1.1 <nobody@example.local>: Recipient address rejected: User unknown");
            assertThat(c.command("RCPT TO:<test@example.org>").toString())
                    .isEqualTo("554 5.7.1 <test@example.org>: Relay access denied");
            assertThat(c.command("RCPT TO:<test@mail.example.local.evil.org>").code())
                    .isEqualTo(554);
            assertThat(c.command("RCPT TO:<test>").code()).isEqualTo(504);
            // the session goes on after refusals
            assertThat(c.command("RSET").code()).isEqualTo(250);
            assertThat(c.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(server.counter("maillab.smtp.rejected", "reason", "relay_denied"))
                .isEqualTo(2);
        assertThat(server.counter("maillab.smtp.rejected", "reason", "unknown_user"))
                .isEqualTo(1);
    }

    @Test
    void badSequenceGets503AndTheSessionStaysUsable() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            assertThat(c.command("MAIL FROM:<a@example.local>").toString()).startsWith("503 5.5.1");
            assertThat(c.command("EHLO client").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<test@example.local>").toString()).startsWith("503 5.5.1");
            assertThat(c.command("DATA").toString()).startsWith("503 5.5.1");
            assertThat(c.command("MAIL FROM:<a@example.local>").code()).isEqualTo(250);
            assertThat(c.command("MAIL FROM:<a@example.local>").toString()).startsWith("503 5.5.1");
            assertThat(c.command("DATA").toString()).isEqualTo("503 5.5.1 Error: need RCPT command");
            assertThat(c.command("RCPT TO:<nobody@example.local>").code()).isEqualTo(550);
            assertThat(c.command("DATA").toString()).isEqualTo("554 5.5.1 Error: no valid recipients");
            assertThat(c.command("RCPT TO:<bob@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data("Subject: after errors\r\n\r\nstill fine\r\n").code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("bob")).anySatisfy(m -> assertThat(m).contains("Subject: after errors"));
    }

    @Test
    void syntaxErrorsAreRefusedWithoutHarm() throws Exception {
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL TO:<a@example.local>").code()).isEqualTo(501);
            assertThat(c.command("MAIL FROM:<a@example.local").code()).isEqualTo(501);
            assertThat(c.command("MAIL FROM:<no-at-sign>").code()).isEqualTo(501);
            assertThat(c.command("MAIL FROM:<a@example.local> NOTIFY=NEVER").code())
                    .isEqualTo(555);
            assertThat(c.command("MAIL FROM:<a@example.local> BODY=BINARYMIME").code())
                    .isEqualTo(501);
            assertThat(c.command("MAIL FROM:<> BODY=8BITMIME SMTPUTF8").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<>").code()).isEqualTo(501);
            assertThat(c.command("RCPT TO:<test@example.local> NOTIFY=NEVER").code())
                    .isEqualTo(555);
            assertThat(c.command("FOO bar").code()).isEqualTo(500);
            assertThat(c.command("VRFY test").code()).isEqualTo(502);
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
        }
    }

    @Test
    void storedCopyHasTraceHeadersCrlfAndUnstuffedDots() throws Exception {
        try (SmtpConnection c = greeted()) {
            Reply done = c.sendMail(
                    "app@example.local",
                    List.of("alice@example.local"),
                    "From: app@example.local\r\nTo: alice@example.local\r\nSubject: trace\r\n\r\n"
                            + "line one\r\n.starts with a dot\r\n..two dots\r\nlast\r\n");
            assertThat(done.code()).isEqualTo(250);
            assertThat(done.text()).matches("2\\.0\\.0 Ok: queued as [0-9A-F]+");
            String queueId = done.text().substring(done.text().lastIndexOf(' ') + 1);
            String stored = server.messages("alice").stream()
                    .filter(m -> m.contains("Subject: trace"))
                    .findFirst()
                    .orElseThrow();
            assertThat(stored)
                    .startsWith("Return-Path: <app@example.local>\r\nDelivered-To: alice@example.local\r\n"
                            + "Received: from client.example.local (");
            assertThat(stored)
                    .containsPattern(
                            "Received: from client\\.example\\.local \\(\\S+ \\[127\\.0\\.0\\.1\\]\\)\r\n"
                                    + "\tby mail\\.example\\.local \\(maillab\\) with ESMTP id " + queueId + "\r\n"
                                    + "\tfor <alice@example\\.local>; \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n");
            // Postfix adds what the client left out
            assertThat(stored)
                    .containsPattern("\r\nMessage-ID: <\\d{14}\\." + queueId + "@mail\\.example\\.local>\r\n");
            assertThat(stored).containsPattern("\r\nDate: \\w{3}, ");
            assertThat(stored).endsWith("\r\n\r\nline one\r\n.starts with a dot\r\n..two dots\r\nlast\r\n");
            assertThat(stored.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        }
    }

    @Test
    void existingMessageIdAndDateAreKeptAndBareLineFeedsBecomeCrlf() throws Exception {
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<app@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<bob@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            c.write(("Message-ID: <given@example.local>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: lf\n\nbody"
                            + "\r\n.\r\n")
                    .getBytes());
            assertThat(c.read().code()).isEqualTo(250);
        }
        String stored = server.messages("bob").stream()
                .filter(m -> m.contains("Subject: lf"))
                .findFirst()
                .orElseThrow();
        assertThat(stored)
                .contains("\r\nMessage-ID: <given@example.local>\r\n")
                .containsOnlyOnce("Message-ID:")
                .containsOnlyOnce("\r\nDate: ")
                .endsWith("Subject: lf\r\n\r\nbody\r\n");
    }

    @Test
    void aliasAndUserInOneMessageMakeOneCopyAddressedToTheUser() throws Exception {
        int before = server.messages("test").size();
        try (SmtpConnection c = greeted()) {
            Reply done = c.sendMail(
                    "a@example.org",
                    List.of("postmaster@example.local", "test@example.local"),
                    "Subject: once\r\n\r\nx\r\n");
            assertThat(done.code()).isEqualTo(250);
        }
        List<String> copies = server.messages("test").stream()
                .filter(m -> m.contains("Subject: once"))
                .toList();
        assertThat(server.messages("test")).hasSize(before + 1);
        assertThat(copies)
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .contains("Delivered-To: test@example.local\r\n")
                        .contains("for <postmaster@example.local>"));
    }

    @Test
    void pipelinedTransactionGetsEveryReplyInOrder() throws Exception {
        try (SmtpConnection c = greeted()) {
            c.write(
                    ("MAIL FROM:<p@example.local>\r\nRCPT TO:<alice@example.local>\r\nRCPT TO:<nobody@example.local>\r\n"
                                    + "RCPT TO:<bob@example.local>\r\nDATA\r\n")
                            .getBytes());
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(550);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(354);
            c.write("Subject: pipelined\r\n\r\nx\r\n.\r\nQUIT\r\n".getBytes());
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(221);
        }
        assertThat(server.messages("alice")).anySatisfy(m -> assertThat(m).contains("Subject: pipelined"));
        assertThat(server.messages("bob")).anySatisfy(m -> assertThat(m).contains("Subject: pipelined"));
    }

    @Test
    void heloMeansPlainSmtpInTheReceivedHeader() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            assertThat(c.command("HELO old.example.local").toString()).isEqualTo("250 mail.example.local");
            assertThat(c.sendMail("a@example.local", List.of("bob@example.local"), "Subject: helo\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("bob"))
                .anySatisfy(m -> assertThat(m)
                        .contains("Subject: helo")
                        .contains("Received: from old.example.local (")
                        .contains(") with SMTP id "));
    }
}
