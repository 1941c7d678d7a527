package dev.maillab.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleHttp;
import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeMessage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names with "/" or ".." never reach smtp-server: 400 problem+json for a script, a 400 page for a browser; pages of
 * other sites get 403.
 */
class BadInputTest extends ConsoleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/mailboxes/..test",
                "/mailboxes/te%20st",
                "/mailboxes/test/messages/..hidden",
                "/mailboxes/test/messages/a..b",
                "/mailboxes/test/messages/a..b/raw",
                "/mailboxes/test/messages/..%2F..%2Fetc%2Fpasswd",
                "/mailboxes/test/messages/a%2Fb/raw",
                "/mailboxes/test/messages/a%5C..%5Cb",
                "/mailboxes/test/messages/1700000000.M1P1Q1.mail/parts/1..2",
                "/mailboxes/test/messages/1700000000.M1P1Q1.mail/parts/x",
                "/mailboxes/test/messages/1700000000.M1P1Q1.mail/html/1.a",
                "/journey?user=test&id=..%2F..%2Fx",
                "/journey?user=..&id=1700000000.M1P1Q1.mail",
                "/events?after=-1"
            })
    void aBadNameIs400AndNeverReachesTheService(String path) throws Exception {
        int asked = LAB.smtp.requests().size();
        HttpResponse<String> script = console().get(path, "application/json");
        assertThat(script.statusCode()).as(path).isEqualTo(400);
        HttpResponse<String> browser = console().page(path);
        assertThat(browser.statusCode()).as(path).isEqualTo(400);
        assertThat(LAB.smtp.requests().subList(asked, LAB.smtp.requests().size()))
                .as("what smtp-server was asked for " + path)
                .noneMatch(p -> p.startsWith("/api/mailboxes"));
    }

    @Test
    void ourOwn400sAreProblemJsonForScriptsAndAPageForBrowsers() throws Exception {
        HttpResponse<String> script = console().get("/mailboxes/test/messages/a..b", "application/json");
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(script.body()).contains("\"status\":400", "not a valid message id");
        HttpResponse<String> browser = console().page("/mailboxes/test/messages/a..b");
        assertThat(browser.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(browser.body()).contains("Bad request", "not a valid message id");
        assertThat(browser.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.PAGES);
    }

    @Test
    void theHtmlFrameServesHtmlPartsOnly() throws Exception {
        FakeMessage m = FakeMessage.text("test", "plain only", "just text");
        LAB.deliver(m);
        String text = m.pathsOf("text/plain").get(0);
        assertThat(console()
                        .get("/mailboxes/test/messages/" + m.id + "/html/" + text, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aPageAskedForUnderAnotherHostNameIsRefused() throws Exception {
        ConsoleHttp c = console();
        String rebound = c.raw("GET / HTTP/1.1\nHost: attacker.example:" + port + "\nConnection: close\n");
        assertThat(rebound).startsWith("HTTP/1.1 403");
        String ok = c.raw("GET / HTTP/1.1\nHost: localhost:" + port + "\nConnection: close\n");
        assertThat(ok).startsWith("HTTP/1.1 200");
    }
}
