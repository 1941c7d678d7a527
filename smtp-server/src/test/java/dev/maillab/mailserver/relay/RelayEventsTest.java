package dev.maillab.mailserver.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A relayed message's outbound hops in the event journals the web console reads ({@code GET /api/events} of both
 * lab domains' servers, each its own smtp-server application, exchanging mail by MX through the real dns-server):
 * {@code relay.queued}, then each recipient's {@code relay.attempt}, then the {@code relay.bounce} it made, on the
 * sending server; the copy's {@code smtp.delivery} and {@code smtp.session} on the receiving one, joined by the
 * Message-ID and the queue id its 250 named.
 */
class RelayEventsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static LabDns dns;
    static int port;
    static DomainHost local;
    static DomainHost test;

    @BeforeAll
    static void startLab() throws Exception {
        dns = new LabDns(dir.resolve("zones"));
        port = DomainHost.freePort();
        test = DomainHost.exampleTest(dir.resolve("test"), dns, port, "--web").start();
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, port, "--web")
                .start();
    }

    @AfterAll
    static void stopLab() {
        local.close();
        test.close();
        dns.close();
    }

    @Test
    void aRelayedMessageIsQueuedThenAttemptedPerRecipientThenBouncedAndArrivesAtTheOtherDomain() throws Exception {
        String messageId = "<hops-" + System.nanoTime() + "@example.local>";
        String queueId = send(
                local,
                "alice@example.local",
                List.of("bob@example.test", "nobody@example.test"),
                "From: alice@example.local\r\nTo: bob@example.test\r\nSubject: hops\r\nMessage-ID: " + messageId
                        + "\r\n\r\nx\r\n");

        await(local, "relay.bounce", e -> queueId.equals(text(e, "queueId")));
        List<JsonNode> hops = events(local).stream()
                .filter(e -> text(e, "kind").startsWith("relay.") && queueId.equals(text(e, "queueId")))
                .toList();
        assertThat(hops)
                .extracting(e -> text(e, "kind"))
                .containsExactly("relay.queued", "relay.attempt", "relay.attempt", "relay.bounce");
        assertThat(hops).extracting(e -> e.get("seq").asLong()).isSorted();

        JsonNode queued = hops.get(0);
        assertThat(text(queued, "messageId")).isEqualTo(messageId);
        assertThat(text(queued, "sender")).isEqualTo("alice@example.local");
        assertThat(strings(queued, "recipients")).containsExactly("bob@example.test", "nobody@example.test");
        assertThat(strings(queued, "domains")).containsExactly("example.test");
        assertThat(queued.get("size").asLong()).isPositive();

        JsonNode sent = attempt(hops, "bob@example.test");
        assertThat(text(sent, "status")).isEqualTo("sent");
        assertThat(text(sent, "relay")).isEqualTo("mail.example.test[127.0.0.3]:" + port);
        assertThat(text(sent, "dsn")).isEqualTo("2.0.0");
        assertThat(text(sent, "domain")).isEqualTo("example.test");
        assertThat(sent.get("attempt").asInt()).isEqualTo(1);
        assertThat(sent.get("delay").isNumber()).isTrue();
        assertThat(text(sent, "reply")).matches("250 2\\.0\\.0 Ok: queued as [0-9A-F]+");
        String remoteQueueId = text(sent, "reply").replaceAll(".*queued as ", "");

        JsonNode refused = attempt(hops, "nobody@example.test");
        assertThat(text(refused, "status")).isEqualTo("bounced");
        assertThat(text(refused, "dsn")).isEqualTo("5.1.1");
        assertThat(text(refused, "reply")).startsWith("550 5.1.1 <nobody@example.test>");
        assertThat(text(refused, "detail"))
                .startsWith("host mail.example.test[127.0.0.3] said: 550 5.1.1")
                .endsWith("(in reply to RCPT TO command)");

        JsonNode bounce = hops.get(3);
        assertThat(text(bounce, "to")).isEqualTo("alice@example.local");
        assertThat(strings(bounce, "recipients")).containsExactly("nobody@example.test");
        assertThat(text(bounce, "delivery")).isEqualTo("maildir");
        assertThat(bounce.get("expired").asBoolean()).isFalse();
        String bounceId = text(bounce, "bounceQueueId");
        assertThat(bounceId).matches("[0-9A-F]+").isNotEqualTo(queueId);
        assertThat(text(bounce, "bounceMessageId")).contains(bounceId);
        assertThat(local.messages("alice"))
                .anySatisfy(m -> assertThat(m).contains("Message-ID: " + text(bounce, "bounceMessageId")));

        // the other domain's server: the copy, by the same Message-ID and the queue id its 250 named
        JsonNode delivery = await(test, "smtp.delivery", e -> messageId.equals(text(e, "messageId")));
        assertThat(text(delivery, "queueId")).isEqualTo(remoteQueueId);
        assertThat(text(delivery, "recipient")).isEqualTo("bob@example.test");
        assertThat(text(delivery, "user")).isEqualTo("bob");
        JsonNode session =
                await(test, "smtp.session", e -> strings(e, "queueIds").contains(remoteQueueId));
        assertThat(text(session, "helo")).isEqualTo("mail.example.local");
        assertThat(text(session, "tls")).as("STARTTLS between the servers").isNotNull();

        // in time: queued, the attempt began, the other side stored it, the attempt's outcome was recorded
        Instant queuedAt = time(queued, "time");
        Instant attemptStart = time(sent, "start");
        assertThat(attemptStart).isAfterOrEqualTo(queuedAt);
        assertThat(time(session, "start")).isAfterOrEqualTo(attemptStart);
        assertThat(time(delivery, "time")).isAfterOrEqualTo(attemptStart).isBeforeOrEqualTo(time(sent, "time"));
        assertThat(time(bounce, "time")).isAfterOrEqualTo(time(refused, "time"));
    }

    @Test
    void aBounceForTheOtherDomainIsQueuedWithItsOwnIdAndMessageIdAndDeliveredThere() throws Exception {
        // example.test's server relays for alice@example.local to a user example.local does not have
        String queueId = send(
                test,
                "alice@example.local",
                List.of("ghost@example.local"),
                "From: alice@example.local\r\nSubject: to a ghost\r\n\r\nx\r\n");
        JsonNode bounce = await(test, "relay.bounce", e -> queueId.equals(text(e, "queueId")));
        assertThat(text(bounce, "delivery")).isEqualTo("queue");
        String bounceId = text(bounce, "bounceQueueId");
        String bounceMessageId = text(bounce, "bounceMessageId");

        JsonNode queued = await(test, "relay.queued", e -> bounceId.equals(text(e, "queueId")));
        assertThat(text(queued, "sender")).isEmpty();
        assertThat(text(queued, "messageId")).isEqualTo(bounceMessageId);
        assertThat(strings(queued, "recipients")).containsExactly("alice@example.local");
        assertThat(queued.get("seq").asLong()).isLessThan(bounce.get("seq").asLong());

        JsonNode sent = await(test, "relay.attempt", e -> bounceId.equals(text(e, "queueId")));
        assertThat(text(sent, "status")).isEqualTo("sent");
        assertThat(text(sent, "relay")).isEqualTo("mail.example.local[127.0.0.1]:" + port);
        JsonNode delivery = await(local, "smtp.delivery", e -> bounceMessageId.equals(text(e, "messageId")));
        assertThat(text(delivery, "user")).isEqualTo("alice");
        assertThat(text(delivery, "from")).isEmpty();
    }

    @Test
    void whileTheOtherDomainIsDownTheAttemptIsDeferredAndTheNextOneSent() throws Exception {
        test.stop();
        String queueId;
        try {
            queueId = send(
                    local,
                    "bob@example.local",
                    List.of("alice@example.test"),
                    "From: bob@example.local\r\nSubject: later\r\n\r\nx\r\n");
            JsonNode deferred = await(local, "relay.attempt", e -> queueId.equals(text(e, "queueId")));
            assertThat(text(deferred, "status")).isEqualTo("deferred");
            assertThat(text(deferred, "relay")).isEqualTo("none");
            assertThat(text(deferred, "dsn")).isEqualTo("4.4.1");
            assertThat(text(deferred, "reply")).isNull();
            assertThat(text(deferred, "detail")).contains("Connection refused");
            assertThat(deferred.get("attempt").asInt()).isEqualTo(1);
        } finally {
            test.start();
        }
        JsonNode sent = await(
                local, "relay.attempt", e -> queueId.equals(text(e, "queueId")) && "sent".equals(text(e, "status")));
        assertThat(sent.get("attempt").asInt()).isGreaterThan(1);
        assertThat(text(sent, "relay")).isEqualTo("mail.example.test[127.0.0.3]:" + port);
    }

    private static String send(DomainHost host, String from, List<String> to, String message) throws Exception {
        try (SmtpConnection c = host.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply = c.sendMail(from, to, message);
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
            return reply.text().replaceAll(".*queued as ", "");
        }
    }

    private static JsonNode attempt(List<JsonNode> hops, String recipient) {
        return hops.stream()
                .filter(e -> text(e, "kind").equals("relay.attempt") && recipient.equals(text(e, "recipient")))
                .findFirst()
                .orElseThrow();
    }

    /** Every event the host's journal holds, oldest first, as the console reads them. */
    private static List<JsonNode> events(DomainHost host) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.httpPort() + "/api/events?limit=5000"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).get("events").forEach(out::add);
        return out;
    }

    private static JsonNode await(DomainHost host, String kind, Predicate<JsonNode> matches) throws Exception {
        JsonNode[] found = new JsonNode[1];
        DomainHost.await(kind + " in " + host.dir.getFileName() + "'s journal", () -> {
            try {
                found[0] = events(host).stream()
                        .filter(e -> kind.equals(text(e, "kind")) && matches.test(e))
                        .findFirst()
                        .orElse(null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return found[0] != null;
        });
        return found[0];
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static List<String> strings(JsonNode e, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = e.get(field);
        if (v != null) {
            v.forEach(x -> out.add(x.asString()));
        }
        return out;
    }

    private static Instant time(JsonNode e, String field) {
        return Instant.parse(text(e, field));
    }
}
