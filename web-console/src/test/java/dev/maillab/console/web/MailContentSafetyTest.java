package dev.maillab.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTML mail never runs script and never fetches anything in the console: the frame's policy, and every answer that
 * carries the mail's script carries it under that policy (the pages only ever escaped).
 */
class MailContentSafetyTest extends ConsoleTest {

    static final String SCRIPT = "<script>document.title='x-mail-script'</script>";

    @Test
    void theHtmlFrameIsServedUnderAPolicyWithoutScriptOrRemoteLoads() throws Exception {
        FakeMessage m = hostile();
        String html = m.pathsOf("text/html").get(0);
        HttpResponse<String> frame = console().get("/mailboxes/test/messages/" + m.id + "/html/" + html, null);
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String csp = frame.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).isEqualTo(SecurityHeaders.MAIL_CONTENT);
        assertThat(csp)
                .startsWith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .doesNotContain("script-src")
                .contains("sandbox");
        assertThat(frame.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(frame.body()).contains(SCRIPT); // the part as it came, made harmless by the policy
    }

    @Test
    void noAnswerCarriesTheMailsScriptUnderAPolicyThatAllowsScript() throws Exception {
        FakeMessage m = hostile();
        LAB.retrieve(m);
        String base = "/mailboxes/test/messages/" + m.id;
        List<String> urls = new ArrayList<>(List.of(
                "/",
                "/mailboxes/test",
                base,
                base + "/raw",
                base + "/raw?download=1",
                base + "/delete",
                "/journey?user=test&id=" + m.id));
        for (String path : m.bodies.keySet()) {
            urls.add(base + "/parts/" + path);
        }
        for (String path : m.pathsOf("text/html")) {
            urls.add(base + "/html/" + path);
        }
        int carrying = 0;
        for (String url : urls) {
            HttpResponse<byte[]> r = console().bytes(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(url).isNotEmpty();
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (body.contains("x-mail-script") && body.contains("<script>document.title")) {
                carrying++;
                assertThat(csp).as(url).isEqualTo(SecurityHeaders.MAIL_CONTENT);
            } else if (csp.contains("script-src")) {
                assertThat(body).as(url).doesNotContain("<script>document.title");
            }
        }
        // the raw source (twice), the HTML part's download and frame, the attachment
        assertThat(carrying).isGreaterThanOrEqualTo(5);
        // the pages show the script as text, escaped
        assertThat(console().page(base).body()).contains("&lt;script&gt;document.title=");
    }

    @Test
    void everyPageHasTheConsolesOwnStrictPolicy() throws Exception {
        for (String url : List.of("/", "/mailboxes/test", "/dns", "/send", "/journey?queueId=NONE")) {
            HttpResponse<String> r = console().page(url);
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .as(url)
                    .hasValue(SecurityHeaders.PAGES);
            assertThat(SecurityHeaders.PAGES)
                    .contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(url).hasValue("nosniff");
            assertThat(r.body()).as(url).doesNotContain("<script>", "onload=", "onclick=");
        }
    }

    private static FakeMessage hostile() throws Exception {
        String tracker = LAB.smtp.url() + "/tracker.png";
        FakeMessage m = FakeMessage.of(
                "test",
                "hostile html",
                "see the html",
                "<html><body><h1>Offer</h1>" + SCRIPT + "<img src=\"" + tracker + "\"></body></html>",
                FakeMessage.Attachment.text("evil.html", "text/html", "<html>" + SCRIPT + "</html>"));
        LAB.deliver(m);
        return m;
    }
}
