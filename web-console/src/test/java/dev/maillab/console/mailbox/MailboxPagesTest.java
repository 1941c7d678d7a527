package dev.maillab.console.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleHttp;
import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeMessage;
import dev.maillab.console.web.SecurityHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Mailboxes pages over HTTP against the fake smtp-server: what each shows, downloads, delete. */
class MailboxPagesTest extends ConsoleTest {

    @Test
    void theMailboxesPageListsEveryUserWithCounts() throws Exception {
        LAB.deliver(FakeMessage.text("alice", "for alice", "hi"));
        HttpResponse<String> r = console().page("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains("data-user=\"test\"", "data-user=\"alice\"", "data-user=\"bob\"");
        assertThat(r.body()).contains("alice@example.local");
        assertThat(r.body()).contains("data-live=\"smtp.delivery maildir.moved maildir.deleted\"");
    }

    @Test
    void aUsersMessagesAreListedNewestFirst() throws Exception {
        FakeMessage older = FakeMessage.text("bob", "bob older", "1");
        FakeMessage newer = FakeMessage.text("bob", "bob newer", "2");
        LAB.deliver(older);
        LAB.deliver(newer);
        String page = console().page("/mailboxes/bob").body();
        assertThat(page.indexOf("bob newer")).isPositive().isLessThan(page.indexOf("bob older"));
        assertThat(page).contains("/mailboxes/bob/messages/" + newer.id.replace(":", "%3A"));
    }

    @Test
    void aMessageShowsHeadersTreeTextVerdictAndItsHtmlInASandboxedFrame() throws Exception {
        FakeMessage m = FakeMessage.of(
                "test",
                "件名 with parts",
                "plain words here",
                "<p>rich words</p>",
                FakeMessage.Attachment.text("report.csv", "text/csv", "a,b\n1,2\n"));
        LAB.deliver(m);
        HttpResponse<String> r = console().page("/mailboxes/test/messages/" + m.id);
        assertThat(r.statusCode()).isEqualTo(200);
        String page = r.body();
        assertThat(page)
                .contains("件名 with parts", m.messageId.replace("<", "&lt;").replace(">", "&gt;"));
        // headers, the tree with each part's type, the text part's words, the attachment's link
        assertThat(page).contains("Content-Type", "multipart/mixed", "multipart/alternative", "text/html");
        assertThat(page).contains("plain words here");
        assertThat(page).contains("report.csv");
        String html = m.pathsOf("text/html").get(0);
        assertThat(page)
                .containsPattern(
                        "<iframe[^>]*sandbox=\"\"[^>]*src=\"/mailboxes/test/messages/[^\"]+/html/" + html + "\"");
        // pop3-client's verdict: this message has every header the lab wants
        assertThat(page).contains("Header verdict", "status-OK", "Message-ID", "Line length", "Header encoding");
    }

    @Test
    void theVerdictNamesWhatRfc5322Misses() throws Exception {
        // no Date, no Message-ID: pop3-client's checker fails both
        FakeMessage bare = FakeMessage.parse(
                "test", "From: a@example.local\r\nTo: test@example.local\r\nSubject: bare\r\n\r\nbody\r\n");
        LAB.deliver(bare);
        String page = console().page("/mailboxes/test/messages/" + bare.id).body();
        assertThat(page).contains("status-FAIL", "missing (required by RFC 5322 section 3.6)");
        assertThat(page).containsPattern("(?s)<td>Message-ID</td>\\s*<td>FAIL</td>");
    }

    @Test
    void rawSourceAndAttachmentsAreDownloadsUnderTheMailContentPolicy() throws Exception {
        FakeMessage m = FakeMessage.of(
                "test", "with file", "t", null, FakeMessage.Attachment.text("notes.txt", "text/plain", "the notes\n"));
        LAB.deliver(m);
        ConsoleHttp c = console();
        HttpResponse<byte[]> raw = c.bytes("/mailboxes/test/messages/" + m.id + "/raw?download=1");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(m.raw);
        assertThat(raw.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
        assertThat(raw.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.MAIL_CONTENT);
        String path = m.bodies.entrySet().stream()
                .filter(e -> "notes.txt".equals(e.getValue().filename()))
                .findFirst()
                .orElseThrow()
                .getKey();
        HttpResponse<byte[]> file = c.bytes("/mailboxes/test/messages/" + m.id + "/parts/" + path);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo("the notes\n");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment")
                .contains("notes.txt");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void deleteAsksFirstAndOnlyAConfirmedSameOriginPostDeletes() throws Exception {
        FakeMessage m = FakeMessage.text("alice", "to delete", "x");
        LAB.deliver(m);
        ConsoleHttp c = console();
        String url = "/mailboxes/alice/messages/" + m.id + "/delete";

        HttpResponse<String> confirm = c.page(url);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body())
                .contains("Delete this message?", "name=\"confirm\" value=\"yes\"", "method=\"post\"");
        assertThat(LAB.smtp.messages("alice")).contains(m);

        HttpResponse<String> unconfirmed = c.postForm(url, Map.of());
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("confirm=yes");
        assertThat(LAB.smtp.messages("alice")).contains(m);

        HttpResponse<String> otherSite = c.postForm(url, Map.of("confirm", "yes"), "Origin", "http://evil.example");
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(LAB.smtp.messages("alice")).contains(m);

        HttpResponse<String> done = c.postForm(url, Map.of("confirm", "yes"), "Origin", c.base());
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location").orElseThrow()).contains("/mailboxes/alice?deleted=");
        assertThat(LAB.smtp.messages("alice")).doesNotContain(m);
    }

    @Test
    void anUnknownMessageIsA404PageAndAnUnknownUserToo() throws Exception {
        HttpResponse<String> r = console().page("/mailboxes/test/messages/1700000000.M1P1Q1.nowhere");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Not found", "no such message");
        assertThat(console().page("/mailboxes/nobody").statusCode()).isEqualTo(404);
    }
}
