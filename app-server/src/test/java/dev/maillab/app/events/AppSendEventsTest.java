package dev.maillab.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.AppServerApplication;
import dev.maillab.app.testsupport.ScriptableSmtpServer;
import dev.maillab.labservers.LabServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * What the console learns of each send, against the lab's real dns-server and smtp-server: POST /api/mail and the
 * one-shot command (in a JVM of its own, posting to this app-server) each leave one app.send whose lookups are the
 * MX and A queries made, whose relay is the host connected to and whose reply and queue id are smtp-server's own;
 * a send that fails leaves one too, saying why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(180)
class AppSendEventsTest {

    @RegisterExtension
    static final LabServers LAB = new LabServers();

    /** The fields of app.send, as the console's contract lists them, and the journal's own. */
    static final Set<String> FIELDS = Set.of(
            "seq",
            "time",
            "kind",
            "source",
            "messageId",
            "from",
            "to",
            "subject",
            "lookups",
            "relay",
            "reply",
            "queueId",
            "millis",
            "error");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("maillab.app.resolver", LAB::resolver);
        r.add("maillab.app.smtp-port", LAB::smtpPort);
        r.add("maillab.app.fallback-host", () -> "");
        r.add("maillab.app.retry.max-attempts", () -> "1");
    }

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> postMail(Map<String, Object> request) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                json.writeValueAsString(request), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private long last() throws Exception {
        return page(0).get("last").asLong();
    }

    private JsonNode page(long after) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/events?kind=app.send&after=" + after))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** The one app.send recorded after {@code after}. */
    private JsonNode onlySendAfter(long after) throws Exception {
        JsonNode events = page(after).get("events");
        assertThat(events.size()).as(events.toString()).isEqualTo(1);
        JsonNode e = events.get(0);
        assertThat(names(e)).isEqualTo(new TreeSet<>(FIELDS));
        assertThat(e.get("kind").asString()).isEqualTo("app.send");
        assertThat(Instant.parse(e.get("time").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(e.get("millis").asLong()).isNotNegative();
        return e;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> i = node.propertyNames().iterator(); i.hasNext(); ) {
            names.add(i.next());
        }
        return names;
    }

    /** The MX of example.local and the A of its target, as the lab's zone answers them on loopback. */
    private static void assertLookupsOfExampleLocal(JsonNode lookups) {
        assertThat(lookups.size()).isEqualTo(2);
        assertThat(lookups.get(0).get("name").asString()).isEqualTo("example.local.");
        assertThat(lookups.get(0).get("type").asString()).isEqualTo("MX");
        assertThat(strings(lookups.get(0).get("answers"))).containsExactly("10 mail.example.local.");
        assertThat(lookups.get(1).get("name").asString()).isEqualTo("mail.example.local.");
        assertThat(lookups.get(1).get("type").asString()).isEqualTo("A");
        assertThat(strings(lookups.get(1).get("answers"))).containsExactly("127.0.0.1");
    }

    private void assertRelayIsTheLabsSmtpServer(JsonNode relay) {
        assertThat(relay.get("host").asString()).isEqualTo("mail.example.local");
        assertThat(relay.get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(relay.get("port").asInt()).isEqualTo(LAB.smtpPort());
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asString()));
        return list;
    }

    @Test
    void anApiSendRecordsItsLookupsRelayAndTheServersReplyAndQueueId() throws Exception {
        long before = last();
        HttpResponse<String> r = postMail(Map.of(
                "to",
                List.of("test@example.local"),
                "cc",
                List.of("alice@example.local"),
                "subject",
                "イベント",
                "body",
                "b"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode receipt = json.readTree(r.body());

        JsonNode e = onlySendAfter(before);
        assertThat(e.get("source").asString()).isEqualTo("api");
        assertThat(e.get("messageId").asString())
                .isEqualTo(receipt.get("messageId").asString());
        assertThat(e.get("from").asString()).isEqualTo("app@example.local");
        assertThat(strings(e.get("to"))).containsExactly("test@example.local", "alice@example.local");
        assertThat(e.get("subject").asString()).isEqualTo("イベント");
        assertLookupsOfExampleLocal(e.get("lookups"));
        assertRelayIsTheLabsSmtpServer(e.get("relay"));
        // smtp-server's own words: the reply to DATA and the queue id it names
        assertThat(e.get("reply").asString()).isEqualTo(receipt.get("reply").asString());
        assertThat(e.get("reply").asString()).startsWith("250 ");
        assertThat(e.get("queueId").asString())
                .isEqualTo(receipt.get("queueId").asString())
                .isNotBlank();
        assertThat(e.get("reply").asString())
                .endsWith("queued as " + e.get("queueId").asString());
        assertThat(e.get("error").isNull()).isTrue();
    }

    @Test
    void aRejectedSendRecordsTheServersRefusalAsItsError() throws Exception {
        long before = last();
        HttpResponse<String> r = postMail(Map.of("to", List.of("nosuchuser@example.local"), "subject", "s"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(502);

        JsonNode e = onlySendAfter(before);
        assertThat(e.get("source").asString()).isEqualTo("api");
        assertLookupsOfExampleLocal(e.get("lookups"));
        assertRelayIsTheLabsSmtpServer(e.get("relay"));
        assertThat(e.get("reply").asString())
                .startsWith("5")
                .isEqualTo(json.readTree(r.body()).get("reply").asString());
        assertThat(e.get("queueId").isNull()).isTrue();
        assertThat(e.get("error").asString()).startsWith("rejected by mail.example.local[127.0.0.1]");
    }

    @Test
    void aDomainWithoutMxRecordsTheFailedLookupAndNoRelay() throws Exception {
        long before = last();
        HttpResponse<String> r = postMail(Map.of("to", List.of("someone@nowhere.invalid"), "subject", "s"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);

        JsonNode e = onlySendAfter(before);
        JsonNode lookups = e.get("lookups");
        assertThat(lookups.size()).isEqualTo(1);
        assertThat(lookups.get(0).get("name").asString()).isEqualTo("nowhere.invalid.");
        assertThat(lookups.get(0).get("type").asString()).isEqualTo("MX");
        assertThat(lookups.get(0).get("answers").size()).isZero();
        assertThat(e.get("relay").isNull()).isTrue();
        assertThat(e.get("reply").isNull()).isTrue();
        assertThat(e.get("queueId").isNull()).isTrue();
        assertThat(e.get("error").asString()).contains("MX lookup of nowhere.invalid");
    }

    @Test
    void anInvalidRequestSendsNothingAndRecordsNothing() throws Exception {
        long before = last();
        HttpResponse<String> r = postMail(Map.of("to", List.of("not an address"), "subject", "s"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(page(before).get("events").size()).isZero();
    }

    /** The command in a JVM of its own, as ./maillab send runs it; its exit status, stdout and stderr. */
    private record Run(int status, String out, String err) {}

    private Run command(String postTo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaillab.events.post-to=" + postTo,
                "-cp",
                System.getProperty("java.class.path"),
                AppServerApplication.class.getName(),
                "send",
                "--resolver",
                LAB.resolver(),
                "--smtp-port",
                Integer.toString(LAB.smtpPort())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        // the outputs are a few lines: read after the exit
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theCommandInItsOwnJvmPostsItsSendToTheRunningAppServer() throws Exception {
        long before = last();
        Run run = command(
                "http://127.0.0.1:" + port,
                "--to",
                "bob@example.local",
                "--subject",
                "from the command line",
                "--body",
                "b");
        assertThat(run.status()).as(run.err()).isZero();
        Matcher id = Pattern.compile("Message-ID (<[^>]+>)").matcher(run.out());
        assertThat(id.find()).as(run.out()).isTrue();

        JsonNode e = onlySendAfter(before);
        assertThat(e.get("source").asString()).isEqualTo("command");
        assertThat(e.get("messageId").asString()).isEqualTo(id.group(1));
        assertThat(strings(e.get("to"))).containsExactly("bob@example.local");
        assertThat(e.get("subject").asString()).isEqualTo("from the command line");
        assertLookupsOfExampleLocal(e.get("lookups"));
        assertRelayIsTheLabsSmtpServer(e.get("relay"));
        assertThat(run.out()).contains(e.get("reply").asString());
        assertThat(e.get("reply").asString())
                .endsWith("queued as " + e.get("queueId").asString());
        assertThat(e.get("error").isNull()).isTrue();
    }

    @Test
    void aCommandWhoseSendFailsPostsThatToo() throws Exception {
        long before = last();
        Run run = command(
                "http://127.0.0.1:" + port, "--to", "nosuchuser@example.local", "--subject", "s", "--body", "b");
        assertThat(run.status()).as(run.err()).isEqualTo(1);
        JsonNode e = onlySendAfter(before);
        assertThat(e.get("source").asString()).isEqualTo("command");
        assertThat(e.get("reply").asString()).startsWith("5");
        assertThat(e.get("error").asString()).startsWith("rejected by");
    }

    @Test
    void aPostThatFailsIsAWarningAndTheCommandStillSucceeds() throws Exception {
        Run run = command(
                "http://127.0.0.1:" + ScriptableSmtpServer.closedPort(),
                "--to",
                "bob@example.local",
                "--subject",
                "s",
                "--body",
                "b");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("app.send of <").contains("not posted to http://127.0.0.1:");
    }
}
