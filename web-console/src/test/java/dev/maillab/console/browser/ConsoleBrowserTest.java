package dev.maillab.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeLab;
import dev.maillab.console.testsupport.FakeMessage;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (headless chromium) against the fake services: a delivery event arrives on the
 * stream and the message appears on the mailbox page without a reload; its page shows the verdict and its HTML
 * harmlessly; its journey shows each step and gains the POP3 session live. Screenshots in target/screenshots/.
 */
@RequiresBrowser
class ConsoleBrowserTest extends ConsoleTest {

    @Test
    void aNewMessageAppearsLiveAndItsJourneyShowsEachStep() throws Exception {
        String beacon = LAB.smtp.url() + "/beacon";
        String subject = "browser test 件名 " + System.nanoTime();
        FakeMessage m = FakeMessage.of(
                "test",
                subject,
                "Hello from the browser test.",
                "<html><body><h1>Rich text</h1>"
                        + "<script>document.body.setAttribute('data-script-ran','yes');new Image().src='" + beacon
                        + "?script';</script><img src=\"" + beacon + "?img\" alt=\"remote\"></body></html>",
                FakeMessage.Attachment.text("notes.txt", "text/plain", "notes\n"));

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            MailboxPage box = MailboxPage.open(browser.driver(), console().base(), "test");
            box.awaitLive();
            assertThat(box.subjects()).doesNotContain(subject);
            box.mark();

            LAB.deliver(m);
            box.awaitMessage(subject);
            assertThat(box.notReloaded()).as("the row came without a reload").isTrue();
            assertThat(box.subjects().get(0)).isEqualTo(subject);
            assertThat(box.serviceState("smtp-server")).isEqualTo("smtp-server live");
            browser.screenshot("mailbox");

            MessagePage message = box.openMessage(subject);
            assertThat(message.subject()).isEqualTo(subject);
            assertThat(message.verdict()).isEqualTo("OK");
            assertThat(message.texts()).anySatisfy(t -> assertThat(t).contains("Hello from the browser test."));
            assertThat(message.htmlFrames()).hasSize(1);
            assertThat(message.htmlFrameText()).contains("Rich text");
            assertThat(message.htmlFrameBodyAttribute("data-script-ran"))
                    .as("the mail's script")
                    .isNull();
            browser.screenshot("message");

            JourneyPage journey = message.openJourney();
            assertThat(journey.stepKinds())
                    .containsSubsequence("app.send", "dns.query", "smtp.session", "smtp.delivery");
            assertThat(journey.stepText("dns.query")).contains("MX example.local.", "A mail.example.local.");
            assertThat(journey.stepText("smtp.session")).contains("MAIL FROM:<app@example.local>");
            assertThat(journey.stepText("smtp.delivery")).contains("/var/mail/test/Maildir/new/" + m.id);
            journey.awaitLive();
            journey.mark();

            LAB.retrieve(m);
            journey.awaitStep("pop3.session");
            journey.awaitStep("maildir.moved");
            assertThat(journey.notReloaded())
                    .as("the POP3 session came without a reload")
                    .isTrue();
            assertThat(journey.stepText("pop3.session")).contains("RETR 1");
            browser.screenshot("journey");
        }
        assertThat(LAB.smtp.requests()).as("nothing fetched for the mail").noneMatch(p -> p.startsWith("/beacon"));
    }

    @Test
    void aRelayedMessagesJourneyGainsItsOutboundHopsAndItsArrivalAtTheOtherDomainLive() throws Exception {
        FakeLab.Relayed r = LAB.relay(false);
        String other = "smtp-server " + LAB.otherSmtp.url().replace("http://", "");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            JourneyPage journey = JourneyPage.open(browser.driver(), console().base(), "queueId=" + r.queueId());
            assertThat(journey.stepKinds()).containsExactly("smtp.session", "relay.queued");
            journey.awaitLive();
            journey.mark();

            LAB.arrive(r);
            journey.awaitStep("relay.bounce");
            journey.awaitStep("smtp.delivery");
            assertThat(journey.stepKinds())
                    .containsSubsequence(
                            "relay.queued", "relay.attempt", "smtp.session", "smtp.delivery", "relay.bounce");
            assertThat(journey.stepText("relay.attempt"))
                    .contains("Relayed to bob@example.test via mail.example.test[127.0.0.3]:25: sent")
                    .contains("Relayed to nobody@example.test via mail.example.test[127.0.0.3]:25: bounced");
            assertThat(journey.stepText("smtp.delivery")).contains("Delivered to bob (bob@example.test)", other);

            // an event only the other domain's server has: its own stream brings it
            LAB.retrieveThere(r);
            journey.awaitStep("pop3.session");
            assertThat(journey.stepText("pop3.session")).contains("POP3 session of bob: RETR", other);
            assertThat(journey.notReloaded())
                    .as("the hops came without a reload")
                    .isTrue();
            browser.screenshot("journey-relay");
        }
    }
}
