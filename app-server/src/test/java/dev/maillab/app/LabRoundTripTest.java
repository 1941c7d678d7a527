package dev.maillab.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.labservers.LabServers;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole sending path against the lab's real servers: POST /api/mail, MX lookup of example.local through the
 * real dns-server, SMTP to the real smtp-server, Maildir, and back out over POP3. No fallback host is configured,
 * so a delivery can only have found its way through DNS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class LabRoundTripTest {

    @RegisterExtension
    static final LabServers LAB = new LabServers();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", LAB::resolver);
        r.add("maillab.app.smtp-port", LAB::smtpPort);
        r.add("maillab.app.fallback-host", () -> "");
        r.add("maillab.app.retry.max-attempts", () -> "2");
        r.add("maillab.app.retry.initial-backoff", () -> "50ms");
    }

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Every message in the user's maildrop, as POP3 RETR gives it. */
    private List<MimeMessage> retrieveAll(String user) throws IOException, jakarta.mail.MessagingException {
        POP3Client pop3 = new POP3Client();
        pop3.setDefaultTimeout(10_000);
        pop3.connect("127.0.0.1", LAB.pop3Port());
        try {
            pop3.setSoTimeout(10_000);
            assertThat(pop3.login(user, "password")).isTrue();
            List<MimeMessage> messages = new java.util.ArrayList<>();
            for (POP3MessageInfo info : pop3.listMessages()) {
                try (Reader r = pop3.retrieveMessage(info.number)) {
                    StringBuilder sb = new StringBuilder();
                    char[] buf = new char[8192];
                    for (int n; (n = r.read(buf)) > 0; ) {
                        sb.append(buf, 0, n);
                    }
                    byte[] raw = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
                    messages.add(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
                }
            }
            pop3.logout();
            return messages;
        } finally {
            pop3.disconnect();
        }
    }

    private static MimeMessage withMessageId(List<MimeMessage> messages, String id) throws Exception {
        for (MimeMessage m : messages) {
            if (id.equals(m.getMessageID())) {
                return m;
            }
        }
        throw new AssertionError("no message " + id + " among " + messages.size());
    }

    @Test
    void aJapaneseSubjectSurvivesTheRoundTripByteForByte() throws Exception {
        String subject = "メール送受信テスト：日本語の件名と「記号」～①";
        String body = "本文も日本語です。\nSecond line, ASCII.\n";
        HttpResponse<String> r = post(json.writeValueAsString(java.util.Map.of(
                "from",
                "アプリ <app@example.local>",
                "to",
                List.of("test@example.local"),
                "cc",
                List.of("alice@example.local"),
                "subject",
                subject,
                "body",
                body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode receipt = json.readTree(r.body());
        String id = receipt.get("messageId").asString();
        assertThat(receipt.get("relay").asString()).isEqualTo("mail.example.local[127.0.0.1]:" + LAB.smtpPort());

        for (String user : List.of("test", "alice")) {
            MimeMessage got = withMessageId(retrieveAll(user), id);
            assertThat(got.getSubject().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(subject.getBytes(StandardCharsets.UTF_8));
            assertThat(got.getHeader("Subject")[0]).startsWith("=?UTF-8?");
            assertThat(((InternetAddress) got.getFrom()[0]).getPersonal()).isEqualTo("アプリ");
            assertThat(got.getHeader("To")[0]).isEqualTo("test@example.local");
            assertThat(got.getHeader("Date")).isNotNull();
            assertThat(got.getHeader("MIME-Version")[0]).isEqualTo("1.0");
            assertThat(got.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
            assertThat(got.getContent().toString().replace("\r\n", "\n")).isEqualTo(body);
        }
    }

    @Test
    void headerInjectionIsRefusedAndNothingIsDelivered() throws Exception {
        long before = delivered("bob");
        HttpResponse<String> r = post("""
                {"to":["bob@example.local"],"subject":"x\\r\\nBcc: alice@example.local","body":"b"}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("header injection");
        assertThat(delivered("bob")).isEqualTo(before);
    }

    @Test
    void anUnknownRecipientIsRejectedByTheMailServerAs502() throws Exception {
        HttpResponse<String> r = post("""
                {"to":["nosuchuser@example.local"],"subject":"s","body":"b"}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
        assertThat(json.readTree(r.body()).get("reply").asString()).startsWith("5");
    }

    @Test
    void aDomainWithoutMxIsA503() throws Exception {
        HttpResponse<String> r = post("""
                {"to":["someone@nowhere.invalid"],"subject":"s","body":"b"}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.body()).contains("MX lookup of nowhere.invalid");
    }

    private static long delivered(String user) throws IOException {
        Path dir = LAB.maildir(user);
        long n = 0;
        for (String sub : List.of("new", "cur")) {
            if (Files.isDirectory(dir.resolve(sub))) {
                try (Stream<Path> s = Files.list(dir.resolve(sub))) {
                    n += s.count();
                }
            }
        }
        return n;
    }
}
