package dev.maillab.dns.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RawDns;
import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import dev.maillab.testkit.RawHttp;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;
import tools.jackson.databind.JsonNode;

/**
 * What dns-server tells the console about the queries it answered: real queries over UDP and TCP (dnsjava's resolver,
 * raw packets, a zone transfer, a forwarder that never answers), then {@code GET /api/events} over HTTP.
 */
class EventsApiTest {

    /** Kept small here, so the zone transfer shows the cut. */
    private static final int EVENT_ANSWERS = 5;

    @TempDir
    static Path dir;

    static DatagramSocket silentForwarder;
    static RunningDnsServer server;

    @BeforeAll
    static void start() throws Exception {
        silentForwarder = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        TestZones zones = TestZones.copyInto(dir)
                .replace(
                        "named.conf",
                        "// forwarders { 192.0.2.53; };",
                        "forwarders { 127.0.0.1 port " + silentForwarder.getLocalPort() + "; };");
        server = RunningDnsServer.start(
                zones.namedConf(),
                "--maillab.dns.forward-timeout=300ms",
                "--maillab.dns.event-answers=" + EVENT_ANSWERS);
    }

    @AfterAll
    static void stop() {
        server.close();
        silentForwarder.close();
    }

    @Test
    void udpAndTcpQueriesAreRecordedWithWhatWasAskedAndAnswered() throws Exception {
        long before = last();
        Instant asked = Instant.now().minusSeconds(1);

        server.ask(false, "example.local.", Type.MX);
        server.ask(true, "Mail.Example.Local.", Type.A);

        List<JsonNode> events = await(before, 2);
        // in the order recorded: each transport thread records after sending, so UDP and TCP may swap
        JsonNode mx = events.get(0).get("type").asString().equals("MX") ? events.get(0) : events.get(1);
        JsonNode a = mx == events.get(0) ? events.get(1) : events.get(0);
        assertThat(events).extracting(e -> e.get("seq").asLong()).containsExactly(before + 1, before + 2);
        assertThat(mx.get("kind").asString()).isEqualTo("dns.query");
        assertThat(Instant.parse(mx.get("time").asString())).isBetween(asked, Instant.now());
        assertThat(mx.get("client").asString()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(mx.get("transport").asString()).isEqualTo("udp");
        assertThat(mx.get("name").asString()).isEqualTo("example.local.");
        assertThat(mx.get("type").asString()).isEqualTo("MX");
        assertThat(mx.get("rcode").asString()).isEqualTo("NOERROR");
        assertThat(mx.get("tc").asBoolean()).isFalse();
        assertThat(texts(mx.get("answers"))).containsExactly("example.local. 3600 IN MX 10 mail.example.local.");
        assertThat(mx.get("answerCount").asInt()).isEqualTo(1);
        assertThat(mx.get("micros").asLong()).isBetween(0L, 5_000_000L);

        assertThat(a.get("transport").asString()).isEqualTo("tcp");
        assertThat(a.get("name").asString()).as("the client's letter case").isEqualTo("Mail.Example.Local.");
        assertThat(a.get("type").asString()).isEqualTo("A");
        assertThat(texts(a.get("answers")))
                .singleElement()
                .asString()
                .as("as sent: the owner points at the question")
                .isEqualToIgnoringCase("mail.example.local. 3600 IN A 172.19.0.3");
    }

    @Test
    void refusalsErrorsAndFailuresAreRecordedWithTheirRcode() throws Exception {
        long before = last();

        server.ask(false, "nothing.example.local.", Type.A);
        server.resolver(false)
                .send(Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH)));
        byte[] trailing = withTrailingByte(
                Message.newQuery(Record.newRecord(Name.fromString("example.local."), Type.A, DClass.IN)));
        assertThat(RawDns.udpMessage(server.dnsPort(), trailing).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(server.ask(false, "www.elsewhere.test.", Type.A).getRcode())
                .as("the forwarder never answers")
                .isEqualTo(Rcode.SERVFAIL);

        List<JsonNode> events = await(before, 4);
        assertThat(events)
                .extracting(e -> e.get("name").asString() + " " + e.get("type").asString() + " "
                        + e.get("rcode").asString())
                .containsExactly(
                        "nothing.example.local. A NXDOMAIN",
                        "version.bind. TXT REFUSED",
                        "example.local. A FORMERR",
                        "www.elsewhere.test. A SERVFAIL");
        assertThat(events)
                .allSatisfy(e -> assertThat(e.get("answers").isEmpty()).isTrue());
        assertThat(events.get(3).get("micros").asLong())
                .as("a forwarded query's time runs until its answer")
                .isGreaterThanOrEqualTo(300_000L);
    }

    @Test
    void aZoneTransferIsOneEventWithTheFirstAnswerLinesAndTheCount() throws Exception {
        long before = last();
        ZoneTransferIn axfr = ZoneTransferIn.newAXFR(
                Name.fromString("example.local."), new InetSocketAddress("127.0.0.1", server.dnsPort()), null);
        axfr.setTimeout(Duration.ofSeconds(5));
        axfr.run();
        int records = axfr.getAXFR().size();

        JsonNode event = await(before, 1).get(0);
        assertThat(event.get("transport").asString()).isEqualTo("tcp");
        assertThat(event.get("type").asString()).isEqualTo("AXFR");
        assertThat(event.get("rcode").asString()).isEqualTo("NOERROR");
        assertThat(event.get("answerCount").asInt()).isEqualTo(records).isGreaterThan(EVENT_ANSWERS);
        List<String> lines = texts(event.get("answers"));
        assertThat(lines).hasSize(EVENT_ANSWERS + 1);
        assertThat(lines.get(0)).startsWith("example.local. 3600 IN SOA ns.example.local. hostmaster.example.local.");
        assertThat(lines.get(EVENT_ANSWERS)).isEqualTo("; " + (records - EVENT_ANSWERS) + " more");
    }

    @Test
    void eventsArePagedAfterASeqAndFilteredByKind() throws Exception {
        long before = last();
        for (String host : new String[] {"ns", "mail", "client", "app-server", "dns-server"}) {
            server.ask(false, host + ".example.local.", Type.A);
        }
        await(before, 5);

        JsonNode first = server.getJson("/api/events?after=" + before + "&limit=2");
        JsonNode second = server.getJson("/api/events?after=" + (before + 2) + "&limit=2&kind=dns.query");
        JsonNode otherKind = server.getJson("/api/events?after=" + before + "&kind=smtp.delivery");

        assertThat(first.get("events"))
                .extracting(e -> e.get("seq").asLong() + " " + e.get("name").asString())
                .containsExactly((before + 1) + " ns.example.local.", (before + 2) + " mail.example.local.");
        assertThat(first.get("last").asLong()).isGreaterThanOrEqualTo(before + 5);
        assertThat(second.get("events"))
                .extracting(e -> e.get("name").asString())
                .containsExactly("client.example.local.", "app-server.example.local.");
        assertThat(otherKind.get("events").isEmpty()).isTrue();
        assertThat(otherKind.get("last").asLong()).isGreaterThanOrEqualTo(before + 5);
    }

    @Test
    void badParametersAre400ProblemsAndTheServiceGoesOn() throws Exception {
        for (String query : new String[] {
            "after=-1", "after=x", "limit=0", "limit=5001", "limit=1e3", "kind=DNS.Query", "kind=dns..query"
        }) {
            HttpResponse<String> response = server.get("/api/events?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = RunningDnsServer.JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asString()).as(query).isNotBlank();
        }
        HttpResponse<String> badResume = server.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(server.uri("/api/events/stream"))
                                .header("Last-Event-ID", "yesterday")
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(badResume.statusCode()).isEqualTo(400);
        assertThat(badResume.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(badResume.body()).contains("Last-Event-ID");

        assertThat(server.getJson("/api/events?limit=5000").has("events")).isTrue();
        assertThat(server.ask(false, "example.local.", Type.SOA).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    private static long last() throws Exception {
        return server.getJson("/api/events?limit=1&after=" + Long.MAX_VALUE / 2)
                .get("last")
                .asLong();
    }

    /** The first {@code count} events after {@code after}; the server records each right after sending the answer. */
    static List<JsonNode> await(long after, int count) throws Exception {
        return await(server, after, count);
    }

    static List<JsonNode> await(RunningDnsServer server, long after, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<JsonNode> events = new ArrayList<>();
            server.getJson("/api/events?kind=dns.query&after=" + after)
                    .get("events")
                    .forEach(events::add);
            if (events.size() >= count || System.nanoTime() > deadline) {
                assertThat(events).as("events after " + after).hasSizeGreaterThanOrEqualTo(count);
                return events.subList(0, count);
            }
            Thread.sleep(20);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asString()));
        return texts;
    }

    private static byte[] withTrailingByte(Message query) {
        byte[] wire = query.toWire();
        byte[] longer = java.util.Arrays.copyOf(wire, wire.length + 1);
        return longer;
    }

    @Test
    void underAForeignHostNameTheApiIs403AndTheActuatorStillAnswers() throws Exception {
        int port = server.uri("/").getPort();
        assertThat(RawHttp.get(port, "evil.example.com", "/api/events").status())
                .isEqualTo(403);
        assertThat(RawHttp.get(port, "rebound.attacker.test.com:" + port, "/api/zones")
                        .status())
                .isEqualTo(403);
        assertThat(RawHttp.get(port, "127.0.0.1:" + port, "/api/events").status())
                .isEqualTo(200);
        assertThat(RawHttp.get(port, "ns.example.local", "/api/zones").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "evil.example.com", "/actuator/health").status())
                .isEqualTo(200);
    }
}
