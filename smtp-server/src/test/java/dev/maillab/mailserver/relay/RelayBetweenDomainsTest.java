package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static dev.maillab.testkit.SmtpConnection.base64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two lab domains, each its own smtp-server, exchanging mail by MX through the lab's real dns-server: example.local's
 * (127.0.0.1) relays for trusted and authenticated clients to example.test's (127.0.0.3), over STARTTLS, and returns
 * what example.test refuses to its sender as a DSN. Only 127.0.0.1 is trusted, so a client bound to 127.0.0.5 is
 * an outsider.
 */
class RelayBetweenDomainsTest {

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
        local = DomainHost.exampleLocal(
                        dir.resolve("local"), dns, port, "--maillab.relay.trusted-networks=127.0.0.1/32")
                .start();
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

    private List<String> sent(String recipient) {
        return CapturedLog.messages("postfix/smtp").stream()
                .filter(l -> l.contains("to=<" + recipient + ">") && l.contains("status=sent"))
                .toList();
    }

    @Test
    void mailForTheOtherDomainGoesByMxOverTlsIntoItsMaildir() throws Exception {
        int before = test.messages("bob").size();
        String queueId;
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply = c.sendMail(
                    "alice@example.local",
                    List.of("bob@example.test"),
                    "From: alice@example.local\r\nTo: bob@example.test\r\nSubject: across\r\n\r\nhello\r\n.dot\r\n");
            assertThat(reply.code()).isEqualTo(250);
            queueId = reply.text().replaceAll(".*queued as ", "");
        }
        await("bob's copy at example.test", () -> test.messages("bob").size() > before);
        String copy = test.messages("bob").get(before);
        assertThat(copy)
                .startsWith("Return-Path: <alice@example.local>\r\nDelivered-To: bob@example.test\r\n")
                .contains("Received: from mail.example.local (")
                .contains("by mail.example.test (maillab) with ESMTPS id ")
                .contains("by mail.example.local (maillab) with ESMTP id " + queueId)
                .contains("Subject: across")
                .endsWith("\r\nhello\r\n.dot\r\n");
        await("the sent line", () -> !sent("bob@example.test").isEmpty());
        // preference 5 (127.0.0.9) refused the connection, preference 10 took it
        assertThat(sent("bob@example.test").get(0))
                .matches(
                        Pattern.quote(queueId + ": to=<bob@example.test>, relay=mail.example.test[127.0.0.3]:" + port)
                                + ", delay=\\d+\\.\\d\\d, dsn=2\\.0\\.0, status=sent \\(250 2\\.0\\.0 Ok: queued as [0-9A-F]+\\)");
        await("the queue entry removed", () -> local.queue().size() == 0);
        assertThat(CapturedLog.messages("postfix/qmgr")).contains(queueId + ": removed");
        MeterRegistry registry = local.bean(MeterRegistry.class);
        assertThat(registry.get("maillab.relay.recipients")
                        .tag("status", "sent")
                        .counter()
                        .count())
                .isPositive();
        assertThat(registry.get("maillab.relay.queue.messages").gauge().value()).isZero();
    }

    @Test
    void oneDeliveryPerDomainCarriesAllItsRecipientsAndTheImplicitMxIsTheDomainsARecord() throws Exception {
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            assertThat(c.sendMail(
                                    "alice@example.local",
                                    List.of("bob@example.test", "test@example.test", "alice@implicit.example.test"),
                                    "Subject: three\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
        await(
                "three sent lines",
                () -> sent("bob@example.test").size()
                                + sent("test@example.test").size()
                                + sent("alice@implicit.example.test").size()
                        == 3);
        Matcher bob = Pattern.compile("queued as ([0-9A-F]+)")
                .matcher(sent("bob@example.test").get(0));
        Matcher test = Pattern.compile("queued as ([0-9A-F]+)")
                .matcher(sent("test@example.test").get(0));
        assertThat(bob.find() && test.find()).isTrue();
        assertThat(bob.group(1)).as("one transaction at example.test for both").isEqualTo(test.group(1));
        assertThat(sent("alice@implicit.example.test").get(0))
                .contains("relay=implicit.example.test[127.0.0.3]:" + port + ",");
        assertThat(RelayBetweenDomainsTest.test.messages("alice"))
                .anySatisfy(
                        m -> assertThat(m).contains("Subject: three").contains("for <alice@implicit.example.test>"));
    }

    @Test
    void aRemoteUserThatDoesNotExistBringsADeliveryStatusNotificationToTheSender() throws Exception {
        int before = local.messages("alice").size();
        String queueId;
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply = c.sendMail(
                    "alice@example.local",
                    List.of("nobody@example.test", "bob@example.test"),
                    "From: alice@example.local\r\nTo: nobody@example.test\r\nSubject: to nobody\r\n"
                            + "Message-ID: <lost@example.local>\r\n\r\nbody text\r\n");
            assertThat(reply.code()).isEqualTo(250);
            queueId = reply.text().replaceAll(".*queued as ", "");
        }
        await("the DSN in alice's Maildir", () -> local.messages("alice").size() > before);
        String dsn = local.messages("alice").get(before);
        DsnAssert.dsn(dsn)
                .isBounceFrom("mail.example.local", queueId)
                .reportsFailed("nobody@example.test", "5.1.1", "mail.example.test")
                .returnsHeaders("Subject: to nobody", "Message-ID: <lost@example.local>")
                .doesNotContain("body text");
        assertThat(dsn).doesNotContain("Final-Recipient: rfc822; bob@example.test");
        assertThat(CapturedLog.messages("postfix/smtp"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith(queueId + ": to=<nobody@example.test>, relay=mail.example.test[127.0.0.3]:" + port)
                        .contains("dsn=5.1.1, status=bounced (host mail.example.test[127.0.0.3] said: 550 5.1.1"
                                + " <nobody@example.test>: Recipient address rejected: User unknown in local recipient"
                                + " table (in reply to RCPT TO command))"));
        assertThat(CapturedLog.messages("postfix/bounce"))
                .anySatisfy(l -> assertThat(l).startsWith(queueId + ": sender non-delivery notification: "));
        await("bob's copy", () -> !sent("bob@example.test").isEmpty());
    }

    @Test
    void aDomainWithANullMxBouncesAtOnceWithoutAConnection() throws Exception {
        String queueId;
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply =
                    c.sendMail("bob@example.local", List.of("x@nomail.example.test"), "Subject: null mx\r\n\r\nx\r\n");
            assertThat(reply.code()).isEqualTo(250);
            queueId = reply.text().replaceAll(".*queued as ", "");
        }
        await("the DSN in bob's Maildir", () -> local.messages("bob").stream().anyMatch(m -> m.contains(queueId)));
        String dsn = local.messages("bob").stream()
                .filter(m -> m.contains(queueId))
                .findFirst()
                .orElseThrow();
        DsnAssert.dsn(dsn)
                .isBounceFrom("mail.example.local", queueId)
                .reportsFailed("x@nomail.example.test", "5.1.10", null)
                .returnsHeaders("Subject: null mx");
        assertThat(dsn)
                .contains("Diagnostic-Code: X-Postfix; domain nomail.example.test does not accept mail (nullMX)");
        assertThat(CapturedLog.messages("postfix/smtp"))
                .anySatisfy(
                        l -> assertThat(l)
                                .startsWith(queueId + ": to=<x@nomail.example.test>, relay=none, delay=")
                                .endsWith(
                                        "dsn=5.1.10, status=bounced (domain nomail.example.test does not accept mail (nullMX))"));
    }

    @Test
    void aBounceForASenderAtTheOtherLabDomainIsQueuedWithTheNullSenderAndDeliveredThere() throws Exception {
        int before = test.messages("bob").size();
        String queueId;
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply =
                    c.sendMail("bob@example.test", List.of("ghost@example.test"), "Subject: to a ghost\r\n\r\nx\r\n");
            assertThat(reply.code()).isEqualTo(250);
            queueId = reply.text().replaceAll(".*queued as ", "");
        }
        await(
                "the DSN in bob's Maildir at example.test",
                () -> test.messages("bob").size() > before);
        String dsn = test.messages("bob").get(before);
        assertThat(dsn).startsWith("Return-Path: <>\r\nDelivered-To: bob@example.test\r\n");
        DsnAssert.dsn(dsn.substring(dsn.indexOf("Received: ")))
                .reportsFailed("ghost@example.test", "5.1.1", "mail.example.test")
                .returnsHeaders("Subject: to a ghost");
        String bounceId = CapturedLog.messages("postfix/bounce").stream()
                .filter(l -> l.startsWith(queueId + ": sender non-delivery notification: "))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*: ", "");
        await(
                "the bounce's own sent line",
                () -> CapturedLog.logged(
                        "postfix/smtp",
                        bounceId + ": to=<bob@example.test>, relay=mail.example.test[127.0.0.3]:" + port));
    }

    @Test
    void aBounceIsNeverBounced() throws Exception {
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            assertThat(c.sendMail("", List.of("nobody@example.test"), "Subject: a bounce\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
        await(
                "the bounced line",
                () -> CapturedLog.messages("postfix/bounce").stream()
                        .anyMatch(l -> l.contains("no sender non-delivery notification: the sender is <>")));
        await("the queue entry removed", () -> local.queue().size() == 0);
    }

    @Test
    void aDomainOutsideTheLabIsRefusedEvenAfterAuthAndAnOutsiderRelaysNothing() throws Exception {
        InetAddress outsider = InetAddress.getByName("127.0.0.5");
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", local.smtpPort(), outsider)) {
            c.greeting();
            c.command("EHLO outsider");
            assertThat(c.command("MAIL FROM:<someone@example.org>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<bob@example.test>").toString())
                    .isEqualTo("554 5.7.1 <bob@example.test>: Relay access denied");
            // RFC 5321 says to ignore a source route: what is left is still another domain
            assertThat(c.command("RCPT TO:<@mail.example.local:bob@example.test>")
                            .code())
                    .isEqualTo(554);
            assertThat(c.command("RCPT TO:<@mail.example.local:bob@example.org>")
                            .code())
                    .isEqualTo(554);
            // the percent hack is a local part like any other, of no user here
            assertThat(c.command("RCPT TO:<bob%example.test@example.local>").code())
                    .isEqualTo(550);
            assertThat(c.command("RCPT TO:<bob@example.test@example.local>").code())
                    .isEqualTo(550);
            assertThat(c.command("RCPT TO:<bob@[127.0.0.3]>").code()).isEqualTo(554);
            assertThat(c.command("RCPT TO:<bob@example.test.>").code()).isEqualTo(554);
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RSET").code()).isEqualTo(250);

            assertThat(c.startTls().code()).isEqualTo(220);
            c.command("EHLO outsider");
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0password")).code())
                    .isEqualTo(235);
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<someone@example.org>").toString())
                    .isEqualTo("554 5.7.1 <someone@example.org>: Relay access denied");
            assertThat(c.command("RCPT TO:<bob@example.test>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data("Subject: authenticated\r\n\r\nx\r\n").code()).isEqualTo(250);
        }
        await(
                "the authenticated one delivered",
                () -> test.messages("bob").stream().anyMatch(m -> m.contains("Subject: authenticated")));
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO trusted");
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<someone@example.org>").code()).isEqualTo(554);
            assertThat(c.command("RCPT TO:<bob@example.test>").code()).isEqualTo(250);
        }
    }

    @Test
    void withoutTheLabsDnsServerNothingIsRelayedAndNoOtherResolverIsAsked() throws Exception {
        // the system's resolver could know servers outside the lab: the relay never asks it
        try (DomainHost blind = DomainHost.exampleLocal(
                        dir.resolve("blind"),
                        dns,
                        DomainHost.freePort(),
                        "--maillab.smtp.resolver=",
                        "--maillab.relay.trusted-networks=127.0.0.1/32")
                .start()) {
            try (SmtpConnection c = blind.connect()) {
                c.greeting();
                c.command("EHLO client.example.local");
                assertThat(c.command("MAIL FROM:<test@example.local>").code()).isEqualTo(250);
                assertThat(c.command("RCPT TO:<bob@example.test>").toString())
                        .isEqualTo("554 5.7.1 <bob@example.test>: Relay access denied");
                assertThat(c.command("RCPT TO:<bob@example.local>").code()).isEqualTo(250);
            }
        }
    }
}
