package dev.maillab.mailserver.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.testkit.RawHttp;
import dev.maillab.testkit.SmtpConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/faults} against the whole server: a rule added over HTTP answers on the SMTP port, is listed with its
 * hits, and once deleted (one, or all) the server answers normally; a bad rule is 400 problem+json, an unknown id
 * 404, too many rules 400, a foreign {@code Host} 403.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "maillab.smtp.faults.max-rules=3")
class FaultApiTest {

    static final Path DIR = AppUnderTest.directory("maillab-fault-api-test");
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, DIR);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    SmtpServer smtp;

    @AfterEach
    void clear() throws Exception {
        send("DELETE", "/api/faults", null);
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String mailFrom(String sender) throws Exception {
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO client.example.local");
            return c.command("MAIL FROM:<" + sender + ">").toString();
        }
    }

    @Test
    void aRuleAddedListedHitAndDeleted() throws Exception {
        HttpResponse<String> added = send(
                "POST",
                "/api/faults",
                "{\"id\":\"slow\",\"stage\":\"mail\",\"reply\":\"421 4.4.5 Lab overloaded\",\"from\":\"@example.local\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json.readTree(added.body()).get("closes").asBoolean()).isTrue();

        assertThat(mailFrom("alice@example.local")).isEqualTo("421 4.4.5 Lab overloaded");
        assertThat(mailFrom("someone@example.test")).isEqualTo("250 2.1.0 Ok");

        JsonNode listed = json.readTree(send("GET", "/api/faults", null).body());
        assertThat(listed.get("rules").get(0).get("id").asString()).isEqualTo("slow");
        assertThat(listed.get("rules").get(0).get("source").asString()).isEqualTo("api");
        assertThat(listed.get("rules").get(0).get("hits").asLong()).isEqualTo(1);

        // the faulted MAIL is an smtp.rejection event, as any refused MAIL
        JsonNode events = json.readTree(
                send("GET", "/api/events?kind=smtp.rejection", null).body());
        assertThat(events.get("events").values())
                .anySatisfy(e -> assertThat(e.get("reply").asString()).isEqualTo("421 4.4.5 Lab overloaded"));

        assertThat(send("DELETE", "/api/faults/slow", null).statusCode()).isEqualTo(204);
        assertThat(mailFrom("alice@example.local")).isEqualTo("250 2.1.0 Ok");
        assertThat(send("DELETE", "/api/faults/slow", null).statusCode()).isEqualTo(404);
    }

    @Test
    void clearRemovesEveryApiRule() throws Exception {
        send("POST", "/api/faults", "{\"stage\":\"mail\",\"reply\":\"451 4.3.0 one\"}");
        send("POST", "/api/faults", "{\"stage\":\"mail\",\"reply\":\"451 4.3.0 two\"}");
        assertThat(mailFrom("alice@example.local")).isEqualTo("451 4.3.0 one");
        HttpResponse<String> cleared = send("DELETE", "/api/faults", null);
        assertThat(json.readTree(cleared.body()).get("removed").asInt()).isEqualTo(2);
        assertThat(mailFrom("alice@example.local")).isEqualTo("250 2.1.0 Ok");
        assertThat(json.readTree(send("GET", "/api/faults", null).body())
                        .get("rules")
                        .size())
                .isZero();
    }

    @Test
    void badRulesAre400ProblemsAndNothingIsAdded() throws Exception {
        for (String bad : List.of(
                "{\"stage\":\"mail\",\"reply\":\"250 Ok\"}",
                "{\"stage\":\"queue\",\"reply\":\"451 4.3.0 x\"}",
                "{\"stage\":\"mail\"}",
                "{\"stage\":\"connect\",\"reply\":\"554 5.7.1 no\"}",
                "{\"stage\":\"ehlo\",\"reply\":\"451 4.3.0 x\",\"from\":\"@example.local\"}",
                "{\"stage\":\"mail\",\"reply\":\"451 4.3.0 x\",\"to\":\"bob@example.local\"}",
                "{\"stage\":\"mail\",\"reply\":\"451 5.3.0 x\"}",
                "{\"stage\":\"mail\",\"reply\":\"451 4.3.0 x\",\"probability\":1.5}",
                "{\"stage\":\"mail\",\"reply\":\"451 4.3.0 x\",\"client\":\"example.local\"}",
                "{\"stage\":\"mail\",\"reply\":\"451 4.3.0 x\",\"listener\":\"pop3\"}",
                "{\"stage\":\"mail\",\"reply\":\"451 4.3.0 x\",\"sender\":\"a@b\"}",
                "[1,2]",
                "not json")) {
            HttpResponse<String> r = send("POST", "/api/faults", bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json.readTree(r.body()).get("detail").asString()).as(bad).isNotBlank();
        }
        assertThat(json.readTree(send("GET", "/api/faults", null).body())
                        .get("rules")
                        .size())
                .isZero();
    }

    @Test
    void theNumberOfRulesIsLimited() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/api/faults", "{\"stage\":\"data\",\"reply\":\"451 4.3.0 x\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
        HttpResponse<String> r = send("POST", "/api/faults", "{\"stage\":\"data\",\"reply\":\"451 4.3.0 x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("maillab.smtp.faults.max-rules");
    }

    @Test
    void aForeignHostIs403() throws Exception {
        RawHttp.Response r = RawHttp.get(httpPort, "attacker.example.com", "/api/faults");
        assertThat(r.status()).isEqualTo(403);
        assertThat(RawHttp.get(httpPort, "localhost:" + httpPort, "/api/faults").status())
                .isEqualTo(200);
    }
}
