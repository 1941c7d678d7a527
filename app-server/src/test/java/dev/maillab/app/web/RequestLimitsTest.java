package dev.maillab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.config.AppProperties;
import dev.maillab.labservers.LabServers;
import dev.maillab.testkit.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API's size limits over real sockets, delivering through the lab's real dns-server and smtp-server: a body
 * over the limit is 413 whether it declares its length or streams in chunks, a maximal legal request is delivered and
 * answered with its queue id, and concurrent maximal requests get 200 or 503, never an error of the server's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(300)
class RequestLimitsTest {

    @RegisterExtension
    static final LabServers LAB = new LabServers();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", LAB::resolver);
        r.add("maillab.app.smtp-port", LAB::smtpPort);
        r.add("maillab.app.fallback-host", () -> "");
        r.add("maillab.app.retry.max-attempts", () -> "1");
    }

    @LocalServerPort
    int port;

    @Autowired
    AppProperties props;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A request for {@code user} with one attachment of {@code bytes} random octets. */
    static String withAttachment(String user, String subject, int bytes, String body) {
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        return "{\"to\":[\"" + user + "@example.local\"],\"subject\":\"" + subject + "\",\"body\":\"" + body
                + "\",\"attachments\":[{\"filename\":\"data.bin\",\"contentType\":\"application/octet-stream\","
                + "\"contentBase64\":\"" + Base64.getEncoder().encodeToString(content) + "\"}]}";
    }

    @Test
    void aDeclaredLengthOneByteOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        try (RawHttp c = new RawHttp(port, 10_000)) {
            c.head("Content-Length: " + (props.limits().maxRequestBytes() + 1));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
            JsonNode p = json.readTree(r.body());
            assertThat(p.get("status").asInt()).isEqualTo(413);
            assertThat(p.get("limit").asLong()).isEqualTo(props.limits().maxRequestBytes());
        }
    }

    @Test
    void aChunkedBodyOneByteOverTheLimitIs413AndOneAtTheLimitIsRead() throws Exception {
        long max = props.limits().maxRequestBytes();
        RawHttp.Response over = chunked((int) max + 1);
        assertThat(over.status()).as(over.body()).isEqualTo(413);
        assertThat(over.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json.readTree(over.body()).get("detail").asString()).contains("larger than " + max);
        // exactly at the limit the body is read to its end, and judged as a request: it has no recipient
        RawHttp.Response at = chunked((int) max);
        assertThat(at.status()).as(at.body()).isEqualTo(400);
        assertThat(json.readTree(at.body()).get("errors").get(0).asString()).startsWith("to:");
    }

    /** A JSON object of {@code length} bytes, mostly blanks (which the parser skips without holding them). */
    private RawHttp.Response chunked(int length) throws Exception {
        byte[] body = new byte[length];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[length - 1] = '}';
        try (RawHttp c = new RawHttp(port, 30_000)) {
            c.head("Transfer-Encoding: chunked");
            for (int off = 0; off < length; off += 65536) {
                c.chunk(body, off, Math.min(65536, length - off));
            }
            c.lastChunk();
            return c.read();
        }
    }

    @Test
    void theFindingsNineMebibyteAttachmentIs413() throws Exception {
        HttpResponse<String> r = post(withAttachment("extra1", "nine", 9 * 1024 * 1024, "x"));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aMaximalLegalRequestIsDeliveredAndAnsweredWithItsQueueId(CapturedOutput output) throws Exception {
        int max = (int) props.limits().maxAttachmentBytes();
        HttpResponse<String> r = post(withAttachment("extra2", "maximal", max, "the largest attachment allowed"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = json.readTree(r.body());
        String queueId = answer.get("queueId").asString();
        String messageId = answer.get("messageId").asString();
        assertThat(queueId).matches("[0-9A-F]{8,}");
        assertThat(answer.get("reply").asString()).isEqualTo("250 2.0.0 Ok: queued as " + queueId);

        Path file;
        try (Stream<Path> files = Files.list(LAB.maildir("extra2").resolve("new"))) {
            file = files.findFirst().orElseThrow();
        }
        String stored = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(stored).contains(" id " + queueId + "\r\n").contains("Message-ID: " + messageId);
        assertThat(Files.size(file)).isGreaterThan(max * 4L / 3);

        // the sender's line carries what is needed to follow the message: the same queue id the smtp-server logged
        String sent = output.getOut()
                .lines()
                .filter(l -> l.contains("message-id=" + messageId) && l.contains("status=sent"))
                .findFirst()
                .orElseThrow();
        assertThat(sent)
                .contains("to=<extra2@example.local>")
                .contains("dns=[MX example.local: 10 mail.example.local; A mail.example.local: 127.0.0.1]")
                .contains("relay=mail.example.local[127.0.0.1]:" + LAB.smtpPort())
                .contains("queue-id=" + queueId);
        assertThat(output.getOut()).contains(queueId + ": to=<extra2@example.local>");
    }

    @Test
    void aMessageTooLargeAfterMimeEncodingIs400AndNothingIsSent() throws Exception {
        int max = (int) props.limits().maxAttachmentBytes();
        // within every request limit, but base64 and the body together exceed the mail server's SIZE
        HttpResponse<String> r = post(withAttachment("extra3", "too big", max, "a".repeat(600_000)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("errors").get(0).asString())
                .startsWith("message:")
                .contains("after MIME encoding");
        assertThat(Files.exists(LAB.maildir("extra3").resolve("new"))
                        && Files.list(LAB.maildir("extra3").resolve("new"))
                                .findAny()
                                .isPresent())
                .isFalse();
    }

    @Test
    void concurrentMaximalRequestsGet200Or503AndTheServiceStaysUp() throws Exception {
        int max = (int) props.limits().maxAttachmentBytes();
        byte[] request = withAttachment("extra4", "concurrent", max, "x").getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<HttpResponse<String>> call = () -> post(request);
                answers.add(pool.submit(call));
            }
            int ok = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 503);
                if (r.statusCode() == 503) {
                    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                } else {
                    ok++;
                }
            }
            assertThat(ok).isGreaterThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
