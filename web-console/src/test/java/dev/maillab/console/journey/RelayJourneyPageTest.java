package dev.maillab.console.journey;

import static dev.maillab.console.journey.JourneyPageTest.kinds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeLab;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The journey of a message to the lab's other domain over HTTP: the home smtp-server's outbound hops (relay.queued,
 * each relay.attempt, relay.bounce) and the relay's MX and A lookups, joined with what the other domain's
 * smtp-server (the console's {@code smtp-urls}) recorded when the copy arrived there, in time order.
 */
class RelayJourneyPageTest extends ConsoleTest {

    @Test
    void eachOutboundHopIsShownInOrderWithTheCopysArrivalAtTheOtherDomain() throws Exception {
        FakeLab.Relayed r = LAB.relay(true);
        // noise: another relayed message to the same domain, half a minute earlier, stays out
        FakeLab.Relayed noise = LAB.relay(true, r.start().minusSeconds(30));

        String byMessageId = console()
                .page("/journey?messageId=" + URLEncoder.encode(r.messageId(), StandardCharsets.UTF_8))
                .body();
        assertThat(kinds(byMessageId))
                .containsExactly(
                        "smtp.session", // the client's, at example.local
                        "relay.queued",
                        "relay.attempt", // bob: begun at +6 ms
                        "relay.attempt", // nobody
                        "dns.query", // the relay's MX lookup of example.test
                        "dns.query", // ... and the A of its host
                        "smtp.session", // at example.test
                        "smtp.rejection", // nobody, there
                        "smtp.delivery", // bob's copy, there
                        "relay.bounce");
        assertThat(byMessageId)
                .contains(
                        "Queued for example.test",
                        "Relayed to bob@example.test via mail.example.test[127.0.0.3]:25: sent",
                        "250 2.0.0 Ok: queued as " + r.remoteQueueId(),
                        "Relayed to nobody@example.test via mail.example.test[127.0.0.3]:25: bounced",
                        "(in reply to RCPT TO command)",
                        "DNS MX example.test. → NOERROR",
                        "DNS A mail.example.test. → NOERROR",
                        "Delivered to bob (bob@example.test)",
                        "Returned to alice@example.local: a delivery status notification",
                        r.bounceQueueId());
        // the other domain's steps say who recorded them; its copy is not one of the home server's mailboxes
        String other = "smtp-server " + LAB.otherSmtp.url().replace("http://", "");
        assertThat(byMessageId).contains("<span class=\"who\">" + other + "</span>");
        assertThat(byMessageId).contains("(at " + other + ")").doesNotContain("href=\"/mailboxes/bob/messages/");
        assertThat(byMessageId).doesNotContain(noise.queueId(), noise.remoteQueueId());
        assertThat(LAB.otherSmtp.requests()).anyMatch(p -> p.startsWith("/api/events?"));
        // the header shows the other server's stream beside the three services' (the home one listed again is not)
        assertThat(byMessageId).contains("data-service=\"" + other + "\"");
        assertThat(byMessageId.split("data-service=\"smtp-server\"", -1)).hasSize(2);

        // the same journey from the queue id, and from the other side's queue id
        String byQueueId = console().page("/journey?queueId=" + r.queueId()).body();
        assertThat(kinds(byQueueId)).isEqualTo(kinds(byMessageId));
        String byRemoteQueueId =
                console().page("/journey?queueId=" + r.remoteQueueId()).body();
        assertThat(kinds(byRemoteQueueId)).isEqualTo(kinds(byMessageId));
    }

    @Test
    void aMessageStillQueuedShowsItsQueueingAndSaysNoCopyIsRecorded() throws Exception {
        FakeLab.Relayed r = LAB.relay(false);
        String page = console().page("/journey?queueId=" + r.queueId()).body();
        assertThat(kinds(page)).containsExactly("smtp.session", "relay.queued");
        assertThat(page)
                .contains("Queued for example.test", "No delivery: no Maildir file of this message is recorded.");
    }
}
