package dev.maillab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.testsupport.ScriptableSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API over a real socket, sending to a real SMTP server reached through the fallback host (the DNS
 * server configured is a closed port, so the MX lookup fails). The end-to-end test with the lab's own DNS and
 * SMTP servers is in {@code dev.maillab.app.LabRoundTripTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailApiTest {

    static final ScriptableSmtpServer SMTP = new ScriptableSmtpServer();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", () -> "127.0.0.1:" + ScriptableSmtpServer.closedPort());
        r.add("maillab.app.fallback-host", () -> "127.0.0.1:" + SMTP.port());
        r.add("maillab.app.retry.max-attempts", () -> "2");
        r.add("maillab.app.retry.initial-backoff", () -> "50ms");
    }

    @AfterAll
    static void stop() {
        SMTP.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    dev.maillab.app.config.AppProperties props;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAcceptedMessageAnswersWithItsMessageId() throws Exception {
        int before = SMTP.accepted().size();
        HttpResponse<String> r = post("""
                {"to":["test@example.local"],"cc":[],"subject":"件名テスト","body":"本文"}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        String id = body.get("messageId").asString();
        assertThat(id).matches("<[0-9a-f-]+@example\\.local>");
        assertThat(SMTP.accepted()).hasSize(before + 1);
        MimeMessage got = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(SMTP.accepted().get(before)));
        assertThat(got.getMessageID()).isEqualTo(id);
        assertThat(got.getSubject()).isEqualTo("件名テスト");
    }

    @Test
    void headerInjectionIsA400ProblemAndNothingIsSent() throws Exception {
        int before = SMTP.accepted().size();
        HttpResponse<String> r = post("""
                {"to":["test@example.local"],"subject":"hi\\r\\nBcc: victim@example.org","body":"x"}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("errors").get(0).asString()).contains("header injection");
        assertThat(SMTP.accepted()).hasSize(before);
    }

    @Test
    void anInvalidAddressOrAnEmptyRecipientListIsA400Problem() throws Exception {
        HttpResponse<String> bad = post("""
                {"to":["not an address"],"subject":"s","body":"x"}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors").get(0).asString()).startsWith("to[0]");
        HttpResponse<String> empty = post("""
                {"to":[],"subject":"s","body":"x"}""");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(empty.body()).get("errors").get(0).asString()).startsWith("to:");
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        HttpResponse<String> r = post("{\"to\": [");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aRejectionByTheMailServerIsA502ProblemWithItsReply() throws Exception {
        HttpResponse<String> r = post("""
                {"to":["nobody@example.local"],"subject":"s","body":"x"}""");
        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("reply").asString()).startsWith("550 5.1.1");
        assertThat(p.get("relay").asString()).endsWith(":" + SMTP.port());
    }

    @Test
    void theServiceKeepsAnsweringAfterBadRequests() throws Exception {
        post("{garbage");
        post("""
                {"to":["a@b\\nc"],"subject":"s"}""");
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(props.fallbackHost().toString()).endsWith(":" + SMTP.port());
    }

    static Stream<Arguments> malformedRequests() {
        String ok = "\"to\":[\"test@example.local\"],\"subject\":\"s\"";
        return Stream.of(
                Arguments.of(
                        "a string where an array belongs", "{\"to\":\"test@example.local\",\"subject\":\"s\"}", "to:"),
                Arguments.of("a number where an array belongs", "{\"to\":5,\"subject\":\"s\"}", "to:"),
                Arguments.of("an object where a string belongs", "{\"to\":[{\"a\":1}],\"subject\":\"s\"}", "to[0]:"),
                Arguments.of(
                        "an object as the subject", "{\"to\":[\"test@example.local\"],\"subject\":{}}", "subject:"),
                Arguments.of(
                        "an attachment that is not base64",
                        "{" + ok + ",\"attachments\":[{\"filename\":\"f\"," + "\"contentBase64\":\"!!not base64!!\"}]}",
                        "attachments[0].contentBase64:"),
                Arguments.of("an array as the document", "[1,2]", "body:"),
                Arguments.of(
                        "deep nesting",
                        "{" + ok + ",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}",
                        "body: over a request limit: Document nesting depth"),
                Arguments.of(
                        "10 000 recipients",
                        "{\"subject\":\"s\",\"to\":["
                                + String.join(",", Collections.nCopies(10_000, "\"a@example.local\"")) + "]}",
                        "to["),
                Arguments.of(
                        "an address of 1000 characters",
                        "{\"to\":[\"" + "a".repeat(988) + "@example.local\"],\"subject\":\"s\"}",
                        "to[0]: longer than 998"),
                Arguments.of(
                        "an address over 254 characters",
                        "{\"to\":[\"" + "a".repeat(60) + "@"
                                + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".example.local\"],"
                                + "\"subject\":\"s\"}",
                        "to[0]: address longer than 254"),
                Arguments.of(
                        "a subject of 1 MB",
                        "{\"to\":[\"test@example.local\"],\"subject\":\"" + "s".repeat(1 << 20) + "\"}",
                        "subject:"),
                Arguments.of(
                        "a body over the limit", "{" + ok + ",\"body\":\"" + "b".repeat(1_000_001) + "\"}", "body:"),
                Arguments.of(
                        "NUL in the subject",
                        "{\"to\":[\"test@example.local\"],\"subject\":\"a\\u0000b\"}",
                        "subject: control characters"),
                Arguments.of(
                        "CR/LF in a file name",
                        "{" + ok + ",\"attachments\":[{\"filename\":\"a\\r\\nX: y\"," + "\"contentBase64\":\"\"}]}",
                        "attachments[0].filename: CR/LF"),
                Arguments.of(
                        "NUL in a content type",
                        "{" + ok + ",\"attachments\":[{\"filename\":\"f\","
                                + "\"contentType\":\"text/plain\\u0000\",\"contentBase64\":\"\"}]}",
                        "attachments[0].contentType: control"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedRequestIsA400ProblemNamingTheField(String what, String body, String field) throws Exception {
        int before = SMTP.dataCommands();
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(r.body()).get("errors").get(0).asString())
                .as(r.body())
                .startsWith(field);
        assertThat(SMTP.dataCommands()).isEqualTo(before);
    }

    @Test
    void invalidUtf8IsA400ProblemNamingTheField() throws Exception {
        byte[] prefix = "{\"to\":[\"test@example.local\"],\"subject\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xff;
        body[prefix.length + 1] = (byte) 0xfe;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(r.body()).get("errors").get(0).asString())
                .as(r.body())
                .startsWith("subject:")
                .contains("UTF-8");
    }
}
