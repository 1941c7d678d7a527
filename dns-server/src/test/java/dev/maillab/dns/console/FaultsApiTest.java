package dev.maillab.dns.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import dev.maillab.testkit.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/** {@code /api/faults} over HTTP against the whole service: add, list, delete, clear, and what it refuses. */
class FaultsApiTest {

    @TempDir
    Path dir;

    @Test
    void rulesAreAddedListedWithTheFilesAndDeletedOneByOneOrAll() throws Exception {
        Path rules = Files.writeString(dir.resolve("faults.rules"), "example.test MX drop\n");
        try (RunningDnsServer server = start("--maillab.dns.faults.file=" + rules)) {
            HttpResponse<String> added = send(
                    server,
                    "POST",
                    "/api/faults",
                    "{\"name\":\"*.example.local\",\"type\":\"a\",\"action\":\"delay=2s\",\"probability\":0.5,"
                            + "\"transport\":\"tcp\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(added.headers().firstValue("Location")).hasValue("/api/faults/http-1");
            JsonNode rule = RunningDnsServer.JSON.readTree(added.body());
            assertThat(rule.get("id").asString()).isEqualTo("http-1");
            assertThat(rule.get("source").asString()).isEqualTo("http");
            assertThat(rule.get("name").asString()).isEqualTo("*.example.local.");
            assertThat(rule.get("type").asString()).isEqualTo("A");
            assertThat(rule.get("action").asString()).isEqualTo("delay=2000ms");
            assertThat(rule.get("probability").asDouble()).isEqualTo(0.5);
            assertThat(rule.get("transport").asString()).isEqualTo("tcp");
            assertThat(rule.get("text").asString()).isEqualTo("*.example.local. A delay=2000ms p=0.5 tcp");
            assertThat(send(server, "POST", "/api/faults", "{\"name\":\"mail.example.local\",\"action\":\"servfail\"}")
                            .statusCode())
                    .isEqualTo(201);

            JsonNode listed = server.getJson("/api/faults");
            assertThat(listed.get("rules"))
                    .as("HTTP's rules first, in the order added, then the file's: the order they are tried in")
                    .extracting(
                            r -> r.get("id").asString() + " " + r.get("source").asString())
                    .containsExactly("http-1 http", "http-2 http", "file-1 file");
            assertThat(listed.get("fileError").isNull()).isTrue();
            assertThat(server.ask(false, "mail.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.SERVFAIL);

            assertThat(send(server, "DELETE", "/api/faults/http-2", null).statusCode())
                    .isEqualTo(204);
            assertThat(server.ask(false, "mail.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.NOERROR);
            HttpResponse<String> again = send(server, "DELETE", "/api/faults/http-2", null);
            assertProblem(again, 404, "no rule http-2");
            assertProblem(
                    send(server, "DELETE", "/api/faults/file-1", null),
                    409,
                    "rule file-1 is the rules file's: edit the file to change it");

            HttpResponse<String> cleared = send(server, "DELETE", "/api/faults", null);
            assertThat(cleared.statusCode()).isEqualTo(200);
            assertThat(RunningDnsServer.JSON
                            .readTree(cleared.body())
                            .get("removed")
                            .asInt())
                    .isEqualTo(1);
            assertThat(server.getJson("/api/faults").get("rules"))
                    .extracting(r -> r.get("id").asString())
                    .containsExactly("file-1");
        }
    }

    @Test
    void badInputIsA400ProblemSayingWhatIsWrongAndAddsNothing() throws Exception {
        try (RunningDnsServer server = start("--maillab.dns.faults.max-delay=5s")) {
            assertProblem(send(server, "POST", "/api/faults", "{\"name\":"), 400, "the body is not JSON: ");
            assertProblem(send(server, "POST", "/api/faults", "[1]"), 400, "the body must be a JSON object");
            assertProblem(send(server, "POST", "/api/faults", ""), 400, "the body must be a JSON object");
            assertProblem(
                    send(server, "POST", "/api/faults", "{\"name\":\"a.example.local\"}"),
                    400,
                    "a rule needs an action");
            assertProblem(
                    send(server, "POST", "/api/faults", "{\"name\":\"a.example.local\",\"action\":\"explode\"}"),
                    400,
                    "action 'explode' is not servfail, nxdomain, refused, drop or delay=<n>ms|s|m");
            assertProblem(
                    send(server, "POST", "/api/faults", "{\"name\":\"a.example.local\",\"action\":\"delay=6s\"}"),
                    400,
                    "delay 6s is longer than maillab.dns.faults.max-delay (5000ms)");
            assertProblem(
                    send(
                            server,
                            "POST",
                            "/api/faults",
                            "{\"name\":\"a.example.local\",\"action\":\"drop\",\"probability\":\"half\"}"),
                    400,
                    "probability must be a number between 0 and 1");
            assertProblem(
                    send(
                            server,
                            "POST",
                            "/api/faults",
                            "{\"name\":\"a.example.local\",\"action\":\"drop\",\"probability\":1.5}"),
                    400,
                    "probability 1.5 is not between 0 and 1");
            assertProblem(
                    send(server, "POST", "/api/faults", "{\"name\":\"a.example.local\",\"action\":\"drop\",\"ttl\":1}"),
                    400,
                    "unknown field 'ttl'");
            assertProblem(
                    send(
                            server,
                            "POST",
                            "/api/faults",
                            "{\"name\":\"a.example.local\",\"type\":\"NOPE\",\"action\":\"drop\"}"),
                    400,
                    "type 'NOPE' is not a DNS type");
            assertProblem(
                    send(
                            server,
                            "POST",
                            "/api/faults",
                            "{\"name\":\"a.example.local\",\"action\":\"drop\",\"transport\":\"sctp\"}"),
                    400,
                    "transport 'sctp' is not udp, tcp or both");
            assertThat(server.getJson("/api/faults").get("rules").isEmpty()).isTrue();
        }
    }

    @Test
    void atMaxRulesTheNextIsA409() throws Exception {
        try (RunningDnsServer server = start("--maillab.dns.faults.max-rules=1")) {
            String rule = "{\"name\":\"a.example.local\",\"action\":\"drop\"}";
            assertThat(send(server, "POST", "/api/faults", rule).statusCode()).isEqualTo(201);
            assertProblem(
                    send(server, "POST", "/api/faults", rule),
                    409,
                    "already 1 rules (maillab.dns.faults.max-rules); delete some first");
        }
    }

    @Test
    void aForeignHostNameOrAClientOutsideAdminClientsIs403() throws Exception {
        try (RunningDnsServer server = start()) {
            int port = server.uri("/").getPort();
            assertThat(RawHttp.get(port, "evil.example.com", "/api/faults").status())
                    .isEqualTo(403);
            assertThat(RawHttp.get(port, "127.0.0.1:" + port, "/api/faults").status())
                    .isEqualTo(200);
        }
        try (RunningDnsServer server = start("--maillab.dns.faults.admin-clients=10.0.0.0/8")) {
            HttpResponse<String> refused =
                    send(server, "POST", "/api/faults", "{\"name\":\"a.example.local\",\"action\":\"drop\"}");
            assertProblem(refused, 403, "/api/faults answers only maillab.dns.faults.admin-clients ({ 10.0.0.0/8; })");
            assertProblem(send(server, "GET", "/api/faults", null), 403, "admin-clients");
            assertThat(server.get("/api/zones").statusCode())
                    .as("the rest of the API is not the admin's")
                    .isEqualTo(200);
        }
    }

    private RunningDnsServer start(String... args) throws Exception {
        return RunningDnsServer.start(
                TestZones.copyInto(Files.createTempDirectory(dir, "zones")).namedConf(), args);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = RunningDnsServer.JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detail);
    }

    private static HttpResponse<String> send(RunningDnsServer server, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return server.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
