package dev.maillab.systemtest.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.browser.HeadlessChromium;
import dev.maillab.console.browser.JourneyPage;
import dev.maillab.console.browser.MailboxPage;
import dev.maillab.console.browser.MessagePage;
import dev.maillab.console.browser.RequiresBrowser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console against the real lab ({@code ./maillab up} with ports of its own), in headless chromium: a mail sent
 * through app-server's API appears on the mailbox page without a reload; its journey shows the MX lookup dns-server
 * answered, the SMTP conversation, the Maildir file, and, after pop3-client's RETR, that POP3 session and the file's
 * move to cur/ — live. Screenshots in target/screenshots/ (journey.png is the README's).
 */
@RequiresBrowser
class ConsoleJourneyIT {

    private static RunningStack stack;

    @BeforeAll
    static void up() throws Exception {
        stack = RunningStack.start();
    }

    @AfterAll
    static void down() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aMailAppearsLiveAndItsJourneyShowsDnsSmtpTheFileAndPop3() throws Exception {
        String console = "http://127.0.0.1:" + stack.consolePort();
        String subject = "console journey " + System.nanoTime() + " テスト";
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            MailboxPage box = MailboxPage.open(browser.driver(), console, "test");
            box.awaitLive();
            assertThat(box.subjects()).doesNotContain(subject);
            box.mark();

            HttpResponse<String> sent = stack.postMail("test@example.local", subject, "Hello, console.\n");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

            box.awaitMessage(subject);
            assertThat(box.notReloaded()).as("the row came without a reload").isTrue();
            assertThat(box.serviceState("smtp-server")).isEqualTo("smtp-server live");
            browser.screenshot("lab-mailbox");

            MessagePage message = box.openMessage(subject);
            assertThat(message.subject()).isEqualTo(subject);
            assertThat(message.verdict()).isEqualTo("OK");
            browser.screenshot("lab-message");

            JourneyPage journey = message.openJourney();
            journey.awaitStep("smtp.delivery");
            assertThat(journey.stepKinds())
                    .containsSubsequence("app.send", "dns.query", "smtp.session", "smtp.delivery");
            assertThat(journey.stepText("dns.query")).contains("MX example.local.");
            assertThat(journey.stepText("smtp.session")).contains("MAIL FROM:<", "RCPT TO:<test@example.local>");
            assertThat(journey.stepText("smtp.delivery"))
                    .contains(stack.mailRoot().resolve("test/Maildir/new").toString());
            journey.awaitLive();
            journey.mark();

            // pop3-client lists and retrieves it (no --delete): at QUIT the file moves to cur/
            var check = stack.check("--expect-subject", subject, "--newest", "1", "--wait", "30s");
            assertThat(check.exit()).as(check.output()).isZero();
            journey.awaitStep("pop3.session");
            journey.awaitStep("maildir.moved");
            assertThat(journey.notReloaded())
                    .as("the POP3 session came without a reload")
                    .isTrue();
            assertThat(journey.stepText("pop3.session")).contains("RETR");
            browser.screenshot("journey");
        }
    }

    @Test
    void aMailToTheOtherDomainShowsItsWayThereHopByHop() throws Exception {
        String console = "http://127.0.0.1:" + stack.consolePort();
        String subject = "across " + System.nanoTime();
        HttpResponse<String> sent = stack.postMail("bob@example.test", subject, "Hello, example.test.\n");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"messageId\"\\s*:\\s*\"(<[^\"]+>)\"").matcher(sent.body());
        assertThat(id.find()).as(sent.body()).isTrue();

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            JourneyPage journey = JourneyPage.open(
                    browser.driver(), console, "messageId=" + URLEncoder.encode(id.group(1), StandardCharsets.UTF_8));
            // app-server submits to mail.example.local, which queues it and relays it by MX to mail.example.test,
            // where it lands in bob's Maildir: the two servers' events on one page
            journey.awaitStep("relay.attempt");
            journey.awaitStep("smtp.delivery");
            assertThat(journey.stepKinds())
                    .containsSubsequence("app.send", "smtp.session", "relay.queued", "relay.attempt", "smtp.delivery");
            assertThat(journey.stepText("relay.attempt")).contains("mail.example.test", "sent");
            assertThat(journey.stepText("smtp.delivery"))
                    .contains(stack.mailRoot()
                            .resolveSibling("example.test")
                            .resolve("mail/bob/Maildir/new")
                            .toString());
            browser.screenshot("journey-across");
        }
    }
}
