package dev.maillab.mailserver.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.mailserver.smtp.SmtpServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * maillab.mailboxes.* at small values: a listing pages, and a message beyond a limit of the detail is a 422 problem
 * while its summary and raw source are still served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailboxLimitsTest {

    static final MailboxLab LAB = new MailboxLab("maillab-mailbox-limits-test", "pager", "big", "many", "long");

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, LAB.dir());
        registry.add("maillab.mailboxes.max-messages", () -> 2);
        registry.add("maillab.mailboxes.max-header-bytes", () -> "1KB");
        registry.add("maillab.mailboxes.max-parse-bytes", () -> "4KB");
        registry.add("maillab.mailboxes.max-parts", () -> 3);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    SmtpServer smtp;

    @BeforeEach
    void ports() {
        LAB.ports(httpPort, smtp.port());
    }

    @Test
    void aListingLongerThanMaxMessagesPagesOlderMessagesWithALinkToTheNext() throws Exception {
        for (int i = 1; i <= 5; i++) {
            LAB.deliver("pager", MailboxLab.text("page " + i));
        }
        List<String> subjects = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String next = "/api/mailboxes/pager/messages";
        while (next != null) {
            HttpResponse<byte[]> r = LAB.get(next);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Total-Count")).hasValue("5");
            JsonNode page = MailboxLab.JSON.readTree(r.body());
            pageSizes.add(page.size());
            page.forEach(m -> subjects.add(m.get("subject").asString()));
            next = r.headers().firstValue("Link").map(MailboxLimitsTest::next).orElse(null);
            assertThat(pageSizes).hasSizeLessThan(5);
        }
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(subjects).containsExactly("page 5", "page 4", "page 3", "page 2", "page 1");
    }

    @Test
    void aMessageLargerThanMaxParseBytesHasNoDetailButItsSummaryAndRawSource() throws Exception {
        LAB.deliver("big", MailboxLab.text("big").replace("body of big", "x".repeat(5000)));
        JsonNode summary = LAB.json("/api/mailboxes/big/messages").get(0);
        assertThat(summary.get("subject").asString()).isEqualTo("big");
        String base = "/api/mailboxes/big/messages/" + summary.get("id").asString();

        JsonNode p = LAB.problem(LAB.get(base), 422);
        assertThat(p.get("detail").asString()).contains("maillab.mailboxes.max-parse-bytes", "4096");
        LAB.problem(LAB.get(base + "/parts/1"), 422);
        HttpResponse<byte[]> raw = LAB.get(base + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body())
                .isEqualTo(Files.readAllBytes(LAB.files("big", "new").get(0)));
    }

    @Test
    void aMessageOfMoreThanMaxPartsHasNoDetail() throws Exception {
        LAB.deliver("many", multipart("three parts", 3));
        LAB.deliver("many", multipart("two parts", 2));
        JsonNode list = LAB.json("/api/mailboxes/many/messages");

        // the message and its two parts: three
        JsonNode two =
                LAB.json("/api/mailboxes/many/messages/" + list.get(0).get("id").asString());
        assertThat(two.get("parts").get(0).get("children")).hasSize(2);
        JsonNode p = LAB.problem(
                LAB.get("/api/mailboxes/many/messages/" + list.get(1).get("id").asString()), 422);
        assertThat(p.get("detail").asString()).contains("maillab.mailboxes.max-parts", "3");
    }

    @Test
    void aHeaderBlockLongerThanMaxHeaderBytesIsCutInTheSummaryAndRefusedForTheDetail() throws Exception {
        StringBuilder filler = new StringBuilder("X-Filler: start");
        for (int i = 0; i < 40; i++) {
            filler.append("\n  folded line ").append(i).append(" of a long header field");
        }
        LAB.deliver(
                "long",
                "Subject: early\nFrom: app@example.local\n" + filler + "\nMessage-ID: <late@example.local>\n\nbody\n");
        JsonNode summary = LAB.json("/api/mailboxes/long/messages").get(0);

        assertThat(summary.get("subject").asString()).isEqualTo("early");
        assertThat(summary.get("from").asString()).isEqualTo("app@example.local");
        // past the first 1 KB of the header block: not read
        assertThat(summary.get("messageId").isNull()).isTrue();
        JsonNode p = LAB.problem(
                LAB.get("/api/mailboxes/long/messages/" + summary.get("id").asString()), 422);
        assertThat(p.get("detail").asString()).contains("maillab.mailboxes.max-header-bytes");
    }

    private static String multipart(String subject, int parts) {
        StringBuilder m = new StringBuilder(
                "Subject: " + subject + "\nMIME-Version: 1.0\n" + "Content-Type: multipart/mixed; boundary=\"b\"\n\n");
        for (int i = 1; i <= parts; i++) {
            m.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        return m.append("--b--\n").toString();
    }

    private static String next(String link) {
        Matcher m = NEXT.matcher(link);
        assertThat(m.find()).as(link).isTrue();
        return m.group(1);
    }
}
