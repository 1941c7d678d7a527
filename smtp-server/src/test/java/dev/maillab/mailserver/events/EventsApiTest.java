package dev.maillab.mailserver.events;

import static dev.maillab.mailserver.events.EventsHttp.texts;
import static dev.maillab.mailserver.events.EventsHttp.transcript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.events.servlet.ServletEventStreams;
import dev.maillab.mailserver.AppUnderTest;
import dev.maillab.mailserver.pop3.Pop3Server;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.testkit.Pop3Connection;
import dev.maillab.testkit.SmtpConnection;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application over real sockets: SMTP and POP3 sessions, then what {@code GET /api/events} and the live
 * stream say of them, field by field as the web console reads them. MVC's own async timeout is set to 1 s here, so a
 * stream that outlives it shows the stream sets its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsApiTest {

    static final Path DIR = AppUnderTest.directory("maillab-events-test");
    static final int MAX_LINES = 60;
    private static final AtomicInteger IDS = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, DIR);
        registry.add("maillab.events.ping-interval", () -> "200ms");
        registry.add("maillab.events.max-streams", () -> 2);
        registry.add("maillab.events.transcript.max-lines", () -> MAX_LINES);
        registry.add("maillab.smtp.auth-failure-delay", () -> "10ms");
        registry.add("maillab.smtp.max-message-size", () -> 100_000);
        registry.add("spring.mvc.async.request-timeout", () -> "1s");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    SmtpServer smtp;

    @Autowired
    Pop3Server pop3;

    @Autowired
    ServletEventStreams streams;

    EventsHttp http() {
        return new EventsHttp(httpPort);
    }

    static String messageId() {
        return "<events-" + IDS.incrementAndGet() + "-" + System.nanoTime() + "@example.local>";
    }

    static String message(String messageId, String body) {
        return "Message-ID: " + messageId + "\r\nSubject: events\r\n\r\n" + body + "\r\n";
    }

    /** One message to {@code user} in a plain session; its Message-ID. */
    String deliver(String user) throws Exception {
        String id = messageId();
        SmtpConnection.deliver(smtp.port(), "app@example.local", user + "@example.local", message(id, "hello"));
        return id;
    }

    @Test
    void anSmtpSessionHasItsTranscriptWithoutTheMessageAndItsDeliveryTheFileOnDisk() throws Exception {
        String id = messageId();
        String message = message(id, "the body stays out of the transcript 4711");
        String queued;
        String quit;
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO events.example.local");
            SmtpConnection.Reply r = c.sendMail("app@example.local", List.of("alice@example.local"), message);
            assertThat(r.code()).isEqualTo(250);
            queued = r.text().substring(r.text().lastIndexOf(' ') + 1);
            quit = c.command("QUIT").toString();
        }
        EventsHttp http = http();
        JsonNode delivery =
                http.await("smtp.delivery", e -> id.equals(e.get("messageId").asString()));
        String session = delivery.get("session").asString();
        JsonNode s =
                http.await("smtp.session", e -> session.equals(e.get("session").asString()));

        assertThat(texts(s.get("queueIds"), null)).containsExactly(queued);
        assertThat(s.get("client").asString()).startsWith("127.0.0.1:");
        assertThat(s.get("helo").asString()).isEqualTo("events.example.local");
        assertThat(s.get("tls").isNull()).isTrue();
        assertThat(s.get("authUser").isNull()).isTrue();
        assertThat(s.get("truncated").asLong()).isZero();
        assertThat(s.get("start").asString()).isLessThanOrEqualTo(s.get("end").asString());
        assertThat(transcript(s))
                .containsSubsequence(
                        "server: 220 mail.example.local ESMTP maillab",
                        "client: EHLO events.example.local",
                        "server: 250-mail.example.local",
                        "client: MAIL FROM:<app@example.local>",
                        "server: 250 2.1.0 Ok",
                        "client: RCPT TO:<alice@example.local>",
                        "server: 250 2.1.5 Ok",
                        "client: DATA",
                        "server: 354 End data with <CR><LF>.<CR><LF>",
                        "client: (message data: " + message.getBytes(StandardCharsets.UTF_8).length + " octets)",
                        "server: 250 2.0.0 Ok: queued as " + queued,
                        "client: QUIT",
                        "server: " + quit)
                .noneMatch(l -> l.contains("4711") || l.contains("Subject"));

        assertThat(delivery.get("queueId").asString()).isEqualTo(queued);
        assertThat(delivery.get("from").asString()).isEqualTo("app@example.local");
        assertThat(delivery.get("recipient").asString()).isEqualTo("alice@example.local");
        assertThat(delivery.get("user").asString()).isEqualTo("alice");
        Path file = Path.of(delivery.get("file").asString());
        assertThat(file)
                .isAbsolute()
                .exists()
                .hasParent(DIR.resolve("mail/alice/Maildir/new").toAbsolutePath());
        assertThat(Files.size(file)).isEqualTo(delivery.get("size").asLong());
        assertThat(Files.readString(file)).contains("4711", id);
        assertThat(delivery.get("durableMillis").asLong()).isNotNegative();
    }

    @Test
    void credentialsNeverReachTheJournal() throws Exception {
        String plain = SmtpConnection.base64("\0test\0password");
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO secret.example.local");
            assertThat(c.startTls().code()).isEqualTo(220);
            c.command("EHLO secret.example.local");
            assertThat(c.command("AUTH LOGIN").code()).isEqualTo(334);
            assertThat(c.command(SmtpConnection.base64("test")).code()).isEqualTo(334);
            assertThat(c.command(SmtpConnection.base64("wrong-one")).code()).isEqualTo(535);
            assertThat(c.command("AUTH PLAIN " + plain).code()).isEqualTo(235);
            c.command("QUIT");
        }
        JsonNode s = http().await(
                        "smtp.session",
                        e -> "secret.example.local".equals(e.get("helo").asString()));
        assertThat(s.get("tls").asString()).startsWith("TLSv1.").contains("/TLS_");
        assertThat(s.get("authUser").asString()).isEqualTo("test");
        assertThat(transcript(s))
                .containsSubsequence(
                        "client: STARTTLS",
                        "server: 220 2.0.0 Ready to start TLS",
                        "client: EHLO secret.example.local",
                        "client: AUTH LOGIN",
                        "client: (credentials hidden)",
                        "client: (credentials hidden)",
                        "server: 535 5.7.8 Error: authentication failed",
                        "client: AUTH PLAIN (credentials hidden)",
                        "server: 235 2.7.0 Authentication successful");
        assertThat(s.toString())
                .doesNotContain(plain, SmtpConnection.base64("test"), SmtpConnection.base64("wrong-one"), "password");
    }

    @Test
    void aRefusedRecipientIsARejectionOfItsSession() throws Exception {
        String queueId;
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO refused.example.local");
            c.command("MAIL FROM:<app@example.local>");
            assertThat(c.command("RCPT TO:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<nobody@example.local>").code()).isEqualTo(550);
            c.command("RSET");
            c.command("MAIL FROM:<app@example.local>");
            assertThat(c.command("RCPT TO:<nobody@elsewhere.example>").code()).isGreaterThanOrEqualTo(500);
            c.command("QUIT");
        }
        EventsHttp http = http();
        JsonNode s = http.await(
                "smtp.session",
                e -> "refused.example.local".equals(e.get("helo").asString()));
        String session = s.get("session").asString();
        queueId = s.get("queueIds").get(0).asString();
        List<JsonNode> rejections = new ArrayList<>();
        for (JsonNode r : http.events("smtp.rejection")) {
            if (session.equals(r.get("session").asString())) {
                rejections.add(r);
            }
        }
        assertThat(rejections).hasSize(2);
        JsonNode first = rejections.get(0);
        assertThat(first.get("command").asString()).isEqualTo("RCPT TO:<nobody@example.local>");
        assertThat(first.get("reply").asString()).startsWith("550 ");
        assertThat(first.get("address").asString()).isEqualTo("nobody@example.local");
        assertThat(first.get("queueId").asString()).isEqualTo(queueId);
        assertThat(first.get("client").asString()).isEqualTo(s.get("client").asString());
        JsonNode second = rejections.get(1);
        assertThat(second.get("address").asString()).isEqualTo("nobody@elsewhere.example");
        assertThat(second.get("queueId").isNull())
                .as("a new transaction without a recipient yet")
                .isTrue();
        assertThat(http.events("smtp.delivery"))
                .noneMatch(d -> session.equals(d.get("session").asString()));
    }

    @Test
    void aPop3SessionNamesTheMessagesItTouchedAndQuitMovesOneAndDeletesTheOther() throws Exception {
        EventsHttp http = http();
        String firstId = deliver("bob");
        String secondId = deliver("bob");
        Path first = Path.of(http.await(
                        "smtp.delivery", e -> firstId.equals(e.get("messageId").asString()))
                .get("file")
                .asString());
        Path second = Path.of(http.await(
                        "smtp.delivery", e -> secondId.equals(e.get("messageId").asString()))
                .get("file")
                .asString());
        String firstName = first.getFileName().toString();
        String secondName = second.getFileName().toString();
        long firstSize = Files.size(first);
        long secondSize = Files.size(second);
        String quit;
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.login("bob", "password")).startsWith("+OK");
            assertThat(c.command("LIST")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("UIDL 2")).startsWith("+OK 2 ");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("DELE 2")).startsWith("+OK");
            quit = c.command("QUIT");
        }

        JsonNode p = http.await("pop3.session", e -> "bob".equals(e.get("user").asString()));
        assertThat(p.get("client").asString()).startsWith("127.0.0.1:");
        assertThat(p.get("tls").isNull()).isTrue();
        List<String> commands = new ArrayList<>();
        p.get("commands")
                .forEach(c -> commands.add(text(c, "command") + " | " + text(c, "reply") + " | " + text(c, "message")));
        assertThat(commands)
                .containsExactly(
                        "USER bob | +OK Send your password | null",
                        "PASS (credentials hidden) | +OK Logged in. | null",
                        "LIST | +OK 2 " + (firstSize + secondSize) + " | null",
                        "UIDL 2 | +OK 2 " + uidl(secondName) + " | " + secondName,
                        "RETR 1 | +OK "
                                + Files.size(
                                        first.getParent().resolveSibling("cur").resolve(firstName + ":2,S"))
                                + " octets | " + firstName,
                        "DELE 2 | +OK Message deleted | " + secondName,
                        "QUIT | " + quit + " | null");
        assertThat(p.get("summary").asString())
                .startsWith("Logged out top=0/0, retr=1/")
                .contains("del=1/2");
        assertThat(texts(p.get("commands"), "command")).noneMatch(c -> c.contains("password"));

        JsonNode moved = http.await(
                "maildir.moved", e -> firstName.equals(e.get("message").asString()));
        assertThat(moved.get("user").asString()).isEqualTo("bob");
        assertThat(moved.get("from").asString()).isEqualTo(first.toString());
        Path now = Path.of(moved.get("to").asString());
        assertThat(now).exists().hasFileName(firstName + ":2,S");
        assertThat(now.getParent().getFileName()).hasToString("cur");
        assertThat(first).doesNotExist();

        JsonNode deleted = http.await(
                "maildir.deleted", e -> secondName.equals(e.get("message").asString()));
        assertThat(deleted.get("user").asString()).isEqualTo("bob");
        assertThat(deleted.get("path").asString()).isEqualTo(second.toString());
        assertThat(second).doesNotExist();
        assertThat(moved.get("seq").asLong())
                .as("the UPDATE comes before the session's end")
                .isLessThan(p.get("seq").asLong());
    }

    @Test
    void aPop3SessionAfterStlsNamesItsTlsAndHidesAnAuthResponse() throws Exception {
        String plain = SmtpConnection.base64("\0test\0password");
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("STLS")).startsWith("+OK");
            c.handshakeTrustingAnyCertificate();
            assertThat(c.command("AUTH PLAIN")).startsWith("+");
            assertThat(c.command(plain)).startsWith("+OK");
            assertThat(c.command("STAT")).startsWith("+OK");
            c.command("QUIT");
        }
        JsonNode p =
                http().await("pop3.session", e -> "test".equals(e.get("user").asString()));
        assertThat(p.get("tls").asString()).startsWith("TLSv1.").contains("/TLS_");
        assertThat(texts(p.get("commands"), "command"))
                .containsExactly("STLS", "AUTH PLAIN", "(credentials hidden)", "STAT", "QUIT");
        assertThat(p.toString()).doesNotContain(plain);
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).isNull() ? "null" : node.get(field).asString();
    }

    /** The POP3 UIDL of a delivered file: its base name, without the sizes. */
    private static String uidl(String fileName) {
        return fileName.substring(0, fileName.indexOf(','));
    }

    @Test
    void aLongSessionKeepsItsFirstAndLastLinesAndCutsLongOnes() throws Exception {
        String longArgument = "x".repeat(400);
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO long.example.local");
            c.command("NOOP " + longArgument);
            for (int i = 0; i < 100; i++) {
                c.command("NOOP");
            }
            c.command("QUIT");
        }
        JsonNode s = http().await(
                        "smtp.session",
                        e -> "long.example.local".equals(e.get("helo").asString()));
        List<String> lines = transcript(s);
        long truncated = s.get("truncated").asLong();
        assertThat(lines).hasSize(MAX_LINES + 1);
        assertThat(truncated).isPositive();
        assertThat(lines.get(MAX_LINES / 2)).isEqualTo("server: (" + truncated + " lines left out)");
        assertThat(lines.get(0)).startsWith("server: 220 ");
        assertThat(lines.get(lines.size() - 2)).isEqualTo("client: QUIT");
        assertThat(lines).contains("client: NOOP " + "x".repeat(256 - 5) + "...");
    }

    @Test
    void pagesAreReadByAfterLimitAndKind() throws Exception {
        deliver("test");
        EventsHttp http = http();
        JsonNode all = http.page("?limit=5000");
        long last = all.get("last").asLong();
        assertThat(last).isPositive();
        JsonNode page = http.page("?after=" + (last - 2) + "&limit=1");
        assertThat(page.get("events")).hasSize(1);
        assertThat(page.get("events").get(0).get("seq").asLong()).isEqualTo(last - 1);
        assertThat(page.get("last").asLong()).isGreaterThanOrEqualTo(last);
        assertThat(http.page("?kind=smtp.delivery").get("events"))
                .allMatch(e -> e.get("kind").asString().equals("smtp.delivery"));
    }

    @Test
    void badParametersAreProblemsAndTheServiceGoesOn() throws Exception {
        EventsHttp http = http();
        for (String query : List.of("?after=-1", "?after=x", "?limit=0", "?limit=5001", "?kind=BAD!", "?kind=")) {
            HttpResponse<String> r = http.get("/api/events" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(EventsHttp.JSON.readTree(r.body()).get("status").asInt()).isEqualTo(400);
        }
        try (SseClient bad = new SseClient(httpPort, "not-a-number")) {
            assertThat(bad.status).isEqualTo(400);
            assertThat(bad.headers.get("content-type")).isEqualTo("application/problem+json");
            assertThat(bad.body).contains("Last-Event-ID");
        }
        assertThat(http.get("/api/events").statusCode()).isEqualTo(200);
        assertThat(streams.count()).isZero();
    }

    @Test
    void theStreamSaysHelloThenEachEventAndResumesAfterTheLastIdItSaw() throws Exception {
        String id;
        long resumeAfter;
        try (SseClient stream = new SseClient(httpPort, null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.headers.get("content-type")).startsWith("text/event-stream");
            assertThat(stream.next().comment()).isEqualTo("hello");
            // past MVC's async request timeout (1 s here): the stream is still open, and pings
            long quiet = System.nanoTime();
            while (System.nanoTime() - quiet < 1_500_000_000L) {
                assertThat(stream.next().comment()).isEqualTo("ping");
            }
            id = deliver("test");
            List<SseClient.Frame> frames = stream.until("smtp.session");
            SseClient.Frame delivery = frames.stream()
                    .filter(f -> f.event().equals("smtp.delivery"))
                    .findFirst()
                    .orElseThrow();
            JsonNode data = EventsHttp.JSON.readTree(delivery.data());
            assertThat(data.get("messageId").asString()).isEqualTo(id);
            assertThat(data.get("seq").asString()).isEqualTo(delivery.id());
            resumeAfter = Long.parseLong(delivery.id()) - 1;
        }
        try (SseClient resumed = new SseClient(httpPort, Long.toString(resumeAfter))) {
            assertThat(resumed.next().comment()).isEqualTo("hello");
            SseClient.Frame again = resumed.nextEvent();
            assertThat(again.id()).isEqualTo(Long.toString(resumeAfter + 1));
            assertThat(again.event()).isEqualTo("smtp.delivery");
            assertThat(again.data()).contains(id);
            assertThat(resumed.nextEvent().event()).isEqualTo("smtp.session");
        }
    }

    @Test
    void pastMaxStreamsIs503AndASlotComesBackWhenItsClientLeaves() throws Exception {
        awaitStreams(0);
        SseClient one = new SseClient(httpPort, null);
        try (SseClient two = new SseClient(httpPort, null)) {
            assertThat(one.next().comment()).isEqualTo("hello");
            assertThat(two.next().comment()).isEqualTo("hello");
            try (SseClient third = new SseClient(httpPort, null)) {
                assertThat(third.status).isEqualTo(503);
                assertThat(third.headers.get("content-type")).isEqualTo("application/problem+json");
                assertThat(third.body).contains("max-streams");
            }
            one.close();
            awaitStreams(1);
            try (SseClient again = new SseClient(httpPort, null)) {
                assertThat(again.status).isEqualTo(200);
                assertThat(again.next().comment()).isEqualTo("hello");
            }
        } finally {
            one.close();
        }
        awaitStreams(0);
    }

    @Test
    void aDataCutShortAndARefusedLineAreToldAsSuch() throws Exception {
        String partial = "Subject: cut\r\n\r\nsecret 0815";
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO cut.example.local");
            assertThat(c.command("NOOP " + "y".repeat(600)).code()).isEqualTo(500);
            c.command("MAIL FROM:<app@example.local>");
            c.command("RCPT TO:<alice@example.local>");
            assertThat(c.command("DATA").code()).isEqualTo(354);
            c.send(partial);
            c.reset();
        }
        JsonNode s = http().await(
                        "smtp.session",
                        e -> "cut.example.local".equals(e.get("helo").asString()));
        assertThat(transcript(s))
                .containsSubsequence(
                        "client: (refused line: too long)",
                        "server: 500 5.5.2 Error: command line too long",
                        "client: DATA",
                        "server: 354 End data with <CR><LF>.<CR><LF>",
                        "client: (message data: " + partial.length() + " octets, incomplete)",
                        "server: 421 4.4.2 mail.example.local Error: lost connection")
                .noneMatch(l -> l.contains("0815") || l.contains("yyyy"));
        String session = s.get("session").asString();
        assertThat(http().events("smtp.delivery"))
                .noneMatch(d -> session.equals(d.get("session").asString()));
    }

    @Test
    void aMessageRefusedAfterDataIsARejectionOfDataAndEndsItsTransaction() throws Exception {
        String big = "Subject: big\r\n\r\n" + "z".repeat(200) + "\r\n";
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO big.example.local");
            assertThat(c.sendMail("app@example.local", List.of("alice@example.local"), big.repeat(600))
                            .code())
                    .isEqualTo(552);
            c.command("MAIL FROM:<app@example.local>");
            assertThat(c.command("RCPT TO:<nobody@example.local>").code()).isEqualTo(550);
            c.command("QUIT");
        }
        EventsHttp http = http();
        JsonNode s = http.await(
                "smtp.session", e -> "big.example.local".equals(e.get("helo").asString()));
        String session = s.get("session").asString();
        List<JsonNode> rejections = new ArrayList<>();
        for (JsonNode r : http.events("smtp.rejection")) {
            if (session.equals(r.get("session").asString())) {
                rejections.add(r);
            }
        }
        assertThat(rejections).hasSize(2);
        assertThat(rejections.get(0).get("command").asString()).isEqualTo("DATA");
        assertThat(rejections.get(0).get("reply").asString()).startsWith("552 5.3.4");
        assertThat(rejections.get(0).get("address").isNull()).isTrue();
        assertThat(rejections.get(0).get("queueId").asString())
                .isEqualTo(s.get("queueIds").get(0).asString());
        assertThat(rejections.get(1).get("queueId").isNull())
                .as("the next transaction has none yet")
                .isTrue();
    }

    /** Waits (a few pings: a write is how a stream sees its client gone) until this many streams are open. */
    private void awaitStreams(int open) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (streams.count() != open && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(streams.count()).isEqualTo(open);
    }
}
