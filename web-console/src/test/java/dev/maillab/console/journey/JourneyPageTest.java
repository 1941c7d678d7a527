package dev.maillab.console.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeLab;
import dev.maillab.console.testsupport.FakeMessage;
import dev.maillab.console.testsupport.FakeService;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The journey page over HTTP: one timeline joined from the three fake services' events. */
class JourneyPageTest extends ConsoleTest {

    private static final Pattern STEP = Pattern.compile("data-kind=\"([a-z0-9.]+)\"");

    @Test
    void aMessagesJourneyRunsFromTheSendThroughDnsSmtpAndTheFileToPop3() throws Exception {
        FakeMessage m = FakeMessage.text("test", "journey one", "x");
        FakeLab.Delivery d = LAB.deliver(m);
        // noise: another message's trip and a query for another name must stay out
        LAB.deliver(FakeMessage.text("bob", "someone else's", "y"));
        ObjectNode other = FakeService.fields();
        other.put("name", "elsewhere.example.");
        other.put("type", "A");
        other.put("rcode", "NXDOMAIN");
        other.put("client", "127.0.0.1:1");
        other.put("transport", "udp");
        other.putArray("answers");
        LAB.dns.publish("dns.query", other);
        LAB.retrieve(m);

        HttpResponse<String> r = console().page("/journey?user=test&id=" + m.id);
        assertThat(r.statusCode()).isEqualTo(200);
        String page = r.body();
        assertThat(kinds(page))
                .containsExactly(
                        "app.send",
                        "dns.query",
                        "dns.query",
                        "smtp.session",
                        "smtp.delivery",
                        "pop3.session",
                        "maildir.moved");
        assertThat(page).contains("DNS MX example.local. → NOERROR", "DNS A mail.example.local. → NOERROR");
        assertThat(page).contains("SMTP session " + d.session(), "RCPT TO:&lt;test@example.local&gt;");
        assertThat(page).contains("250 2.0.0 Ok: queued as " + d.queueId());
        assertThat(page).contains("Delivered to test (test@example.local)", "/var/mail/test/Maildir/new/" + m.id);
        assertThat(page).contains("POP3 session of test: RETR", "new/ → cur/");
        assertThat(page).doesNotContain("elsewhere.example.", "someone else");
        // the RETR of this message is marked in the POP3 transcript
        assertThat(page).containsPattern("class=\"line from-C highlight\">C: RETR 1<");
    }

    @Test
    void theSameJourneyIsFoundByMessageIdAndByQueueId() throws Exception {
        FakeMessage m = FakeMessage.text("alice", "journey two", "x");
        FakeLab.Delivery d = LAB.deliver(m);
        String byId = console()
                .page("/journey?messageId=" + URLEncoder.encode(m.messageId, StandardCharsets.UTF_8))
                .body();
        String byQueue = console().page("/journey?queueId=" + d.queueId()).body();
        assertThat(kinds(byId)).containsExactly("app.send", "dns.query", "dns.query", "smtp.session", "smtp.delivery");
        assertThat(kinds(byQueue)).isEqualTo(kinds(byId));
        assertThat(byQueue).contains("href=\"/mailboxes/alice/messages/" + m.id.replace(":", "%3A") + "\"");
        assertThat(byId).contains("No POP3 session has listed or retrieved it yet.");
    }

    @Test
    void aJourneyNeedsAValidKey() throws Exception {
        assertThat(console().get("/journey", null).statusCode()).isEqualTo(400);
        HttpResponse<String> badQueue = console().get("/journey?queueId=a%20b", null);
        assertThat(badQueue.statusCode()).isEqualTo(400);
        assertThat(badQueue.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(console().page("/journey?messageId=%3Ca%0d%0ab%3E").statusCode())
                .isEqualTo(400);
    }

    static List<String> kinds(String page) {
        List<String> kinds = new ArrayList<>();
        Matcher m = STEP.matcher(page);
        while (m.find()) {
            kinds.add(m.group(1));
        }
        return kinds;
    }
}
