package dev.maillab.dns.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RawDns;
import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * Each fault action over real UDP and TCP sockets against the whole service, rules added over its HTTP API:
 * exactly the rcode, silence or late answer it names, and the normal answer once the rule is gone.
 */
class FaultActionsTest {

    @TempDir
    static Path dir;

    static RunningDnsServer server;

    @BeforeAll
    static void start() {
        server = RunningDnsServer.start(TestZones.copyInto(dir).namedConf());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void clear() throws Exception {
        assertThat(send("DELETE", "/api/faults", null).statusCode()).isEqualTo(200);
    }

    @Test
    void errorActionsAnswerTheirRcodeOverUdpAndTcpAndTheNormalAnswerComesBackWhenTheRuleGoes() throws Exception {
        for (String[] action :
                new String[][] {{"servfail", "SERVFAIL"}, {"nxdomain", "NXDOMAIN"}, {"refused", "REFUSED"}}) {
            String id = add("{\"name\":\"mail.example.local\",\"type\":\"A\",\"action\":\"" + action[0] + "\"}");
            for (boolean tcp : new boolean[] {false, true}) {
                Message answer = server.ask(tcp, "mail.example.local.", Type.A);
                assertThat(Rcode.string(answer.getRcode()))
                        .as(action[0] + (tcp ? " over tcp" : " over udp"))
                        .isEqualTo(action[1]);
                assertThat(answer.getSection(Section.ANSWER)).isEmpty();
            }
            assertThat(server.ask(false, "mail.example.local.", Type.MX).getRcode())
                    .as("another type of the same name is not faulted")
                    .isEqualTo(Rcode.NOERROR);
            assertThat(send("DELETE", "/api/faults/" + id, null).statusCode()).isEqualTo(204);
            assertNormalA(false);
            assertNormalA(true);
        }
    }

    @Test
    void dropSendsNothingOverUdpAndTcpAndTheTcpConnectionStillAnswersTheNextQuery() throws Exception {
        add("{\"name\":\"mail.example.local\",\"type\":\"A\",\"action\":\"drop\"}");
        byte[] query = query("mail.example.local.", Type.A, 1);

        assertThat(RawDns.udp(server.dnsPort(), query, 1000))
                .as("no UDP answer")
                .isNull();
        try (Socket socket = RawDns.tcp(server.dnsPort())) {
            socket.setSoTimeout(1000);
            RawDns.writeFrame(socket, query);
            assertThat(readOrTimeout(socket)).as("no TCP answer").isNull();
            RawDns.writeFrame(socket, query("example.local.", Type.MX, 2));
            Message next = RawDns.readFrame(socket);
            assertThat(next.getHeader().getID()).isEqualTo(2);
            assertThat(next.getRcode()).isEqualTo(Rcode.NOERROR);
        }

        clear();
        assertNormalA(false);
    }

    @Test
    void delayAnswersNormallyAfterTheDelayWhileOtherQueriesAreAnsweredAtOnce() throws Exception {
        add("{\"name\":\"mail.example.local\",\"type\":\"A\",\"action\":\"delay=1500ms\"}");

        // UDP: one socket thread (udp-sockets=1), so an answer that waited on it would hold the other one back
        long start = System.nanoTime();
        CompletableFuture<Message> late = server.resolver(false)
                .sendAsync(Message.newQuery(question("mail.example.local.", Type.A)))
                .toCompletableFuture();
        Message other = server.ask(false, "example.local.", Type.MX);
        assertThat(other.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(late)
                .as("the delayed answer is still on its way when the other one is in")
                .isNotDone();
        Message delayed = late.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(delayed.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(delayed.getSection(Section.ANSWER))
                .singleElement()
                .asString()
                .contains("172.19.0.3");

        // TCP, one connection: the later query overtakes the delayed one
        try (Socket socket = RawDns.tcp(server.dnsPort())) {
            long tcpStart = System.nanoTime();
            RawDns.writeFrame(socket, query("mail.example.local.", Type.A, 7));
            RawDns.writeFrame(socket, query("example.local.", Type.MX, 8));
            assertThat(RawDns.readFrame(socket).getHeader().getID())
                    .as("answered first")
                    .isEqualTo(8);
            Message slow = RawDns.readFrame(socket);
            assertThat(Duration.ofNanos(System.nanoTime() - tcpStart)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(slow.getHeader().getID()).isEqualTo(7);
            assertThat(slow.getSection(Section.ANSWER))
                    .singleElement()
                    .asString()
                    .contains("172.19.0.3");
        }
    }

    @Test
    void probabilityZeroNeverFaultsAndOneAlwaysDoes() throws Exception {
        add("{\"name\":\"mail.example.local\",\"action\":\"servfail\",\"probability\":0}");
        for (int i = 0; i < 20; i++) {
            assertNormalA(i % 2 == 0);
        }
        clear();
        add("{\"name\":\"mail.example.local\",\"action\":\"servfail\",\"probability\":1}");
        for (int i = 0; i < 20; i++) {
            assertThat(server.ask(i % 2 == 0, "mail.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.SERVFAIL);
        }
    }

    @Test
    void wildcardNamesTypesAndTransportsMatchOnlyWhatTheySay() throws Exception {
        add("{\"name\":\"*.example.local\",\"type\":\"A\",\"action\":\"refused\",\"transport\":\"udp\"}");

        assertThat(server.ask(false, "Mail.Example.Local.", Type.A).getRcode())
                .as("below the suffix, any letter case")
                .isEqualTo(Rcode.REFUSED);
        assertThat(server.ask(false, "client.example.local.", Type.A).getRcode())
                .isEqualTo(Rcode.REFUSED);
        assertThat(server.ask(true, "mail.example.local.", Type.A).getRcode())
                .as("udp only")
                .isEqualTo(Rcode.NOERROR);
        assertThat(server.ask(false, "example.local.", Type.A).getRcode())
                .as("the suffix itself is not below it")
                .isNotEqualTo(Rcode.REFUSED);
        assertThat(server.ask(false, "mail.example.test.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(server.ask(false, "example.local.", Type.MX).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void eachFaultIsInTheQueryLogWithItsRuleAndActionAndCounted() throws Exception {
        MeterRegistry registry = server.context().getBean(MeterRegistry.class);
        double servfails =
                registry.get("dns.faults").tag("action", "servfail").counter().count();
        double drops =
                registry.get("dns.faults").tag("action", "drop").counter().count();
        String fail = add("{\"name\":\"mail.example.local\",\"type\":\"A\",\"action\":\"servfail\"}");
        String drop = add("{\"name\":\"example.local\",\"type\":\"MX\",\"action\":\"drop\",\"transport\":\"udp\"}");
        long before = lastEvent();

        server.ask(true, "mail.example.local.", Type.A);
        assertThat(RawDns.udp(server.dnsPort(), query("example.local.", Type.MX, 3), 1000))
                .isNull();
        server.ask(false, "example.local.", Type.SOA);

        List<JsonNode> events = awaitEvents(before, 3);
        JsonNode failed = find(events, "A");
        assertThat(failed.get("fault").asString()).isEqualTo(fail + " servfail");
        assertThat(failed.get("rcode").asString()).isEqualTo("SERVFAIL");
        assertThat(failed.get("transport").asString()).isEqualTo("tcp");
        JsonNode dropped = find(events, "MX");
        assertThat(dropped.get("fault").asString()).isEqualTo(drop + " drop");
        assertThat(dropped.get("name").asString()).isEqualTo("example.local.");
        assertThat(dropped.get("rcode").isNull()).as("nothing was sent").isTrue();
        assertThat(find(events, "SOA").has("fault"))
                .as("an answer no rule touched")
                .isFalse();

        assertThat(registry.get("dns.faults")
                        .tag("action", "servfail")
                        .counter()
                        .count())
                .isEqualTo(servfails + 1);
        assertThat(registry.get("dns.faults").tag("action", "drop").counter().count())
                .isEqualTo(drops + 1);
    }

    private static JsonNode find(List<JsonNode> events, String type) {
        return events.stream()
                .filter(e -> type.equals(e.get("type").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
    }

    private static void assertNormalA(boolean tcp) throws Exception {
        Message answer = server.ask(tcp, "mail.example.local.", Type.A);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER)).singleElement().asString().contains("172.19.0.3");
    }

    private static Message readOrTimeout(Socket socket) throws Exception {
        try {
            return RawDns.readFrame(socket);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static Record question(String name, int type) throws Exception {
        return Record.newRecord(Name.fromString(name), type, DClass.IN);
    }

    private static byte[] query(String name, int type, int id) throws Exception {
        Message query = Message.newQuery(question(name, type));
        query.getHeader().setID(id);
        return query.toWire();
    }

    /** Adds a rule over HTTP; returns its id. */
    static String add(String json) throws Exception {
        HttpResponse<String> response = send("POST", "/api/faults", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RunningDnsServer.JSON.readTree(response.body()).get("id").asString();
    }

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        return send(server, method, path, json);
    }

    static HttpResponse<String> send(RunningDnsServer server, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return server.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long lastEvent() throws Exception {
        return server.getJson("/api/events?limit=1&after=" + Long.MAX_VALUE / 2)
                .get("last")
                .asLong();
    }

    private static List<JsonNode> awaitEvents(long after, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<JsonNode> events = new ArrayList<>();
            server.getJson("/api/events?kind=dns.query&after=" + after)
                    .get("events")
                    .forEach(events::add);
            if (events.size() >= count || System.nanoTime() > deadline) {
                assertThat(events).as("events after " + after).hasSizeGreaterThanOrEqualTo(count);
                return events;
            }
            Thread.sleep(20);
        }
    }
}
