package dev.maillab.console.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.console.testsupport.ConsoleTest;
import dev.maillab.console.testsupport.FakeAppServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Send form: app-server's request JSON, the redirect to the journey, app-server's refusals shown. */
class SendPageTest extends ConsoleTest {

    @Test
    void aSentMessageOpensItsJourney() throws Exception {
        int before = LAB.app.mailRequests().size();
        HttpResponse<String> r = console()
                .postForm(
                        "/send",
                        Map.of(
                                "to", "test@example.local, alice@example.local",
                                "cc", "",
                                "from", "",
                                "subject", "送信テスト",
                                "body", "hello"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow())
                .endsWith("/journey?messageId=%3Csent-1@example.local%3E&queueId=ABC123DEF");
        JsonNode request = LAB.app.mailRequests().get(before);
        assertThat(request.get("to").get(0).asString()).isEqualTo("test@example.local");
        assertThat(request.get("to").get(1).asString()).isEqualTo("alice@example.local");
        assertThat(request.get("subject").asString()).isEqualTo("送信テスト");
        assertThat(request.get("body").asString()).isEqualTo("hello");
        assertThat(request.has("from")).isFalse();
    }

    @Test
    void appServersRefusalIsShownOnTheFormWithItsStatus() throws Exception {
        LAB.app.answer(request -> new FakeAppServer.Reply(400, """
                {"type":"urn:maillab:problem:invalid-mail","title":"Invalid mail","status":400,
                 "detail":"subject: required","errors":["subject: required"]}"""));
        try {
            HttpResponse<String> r = console().postForm("/send", Map.of("to", "test@example.local", "subject", ""));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("Invalid mail", "subject: required", "name=\"to\"");
        } finally {
            LAB.app.answer(null);
        }
    }

    @Test
    void theFormIsShown() throws Exception {
        String page = console().page("/send").body();
        assertThat(page).contains("method=\"post\"", "action=\"/send\"", "enctype=\"multipart/form-data\"");
    }
}
