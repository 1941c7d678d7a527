package dev.maillab.mailserver.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/events} of the application under test, parsed. */
final class EventsHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    EventsHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The whole answer of {@code /api/events?...}. */
    JsonNode page(String query) throws Exception {
        HttpResponse<String> r = get("/api/events" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    /** Every event of one kind the journal holds, oldest first. */
    List<JsonNode> events(String kind) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        page("?limit=5000&kind=" + kind).get("events").forEach(out::add);
        return out;
    }

    /** The first event of {@code kind} that matches, waiting for it up to 10 s (sessions are recorded as they end). */
    JsonNode await(String kind, Predicate<JsonNode> matches) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (JsonNode e : events(kind)) {
                if (matches.test(e)) {
                    return e;
                }
            }
            assertThat(System.nanoTime() - deadline).as("an event " + kind).isNegative();
            Thread.sleep(20);
        }
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asString() : n.get(field).asString()));
        return out;
    }

    /** A transcript as "client: line" / "server: line". */
    static List<String> transcript(JsonNode session) {
        List<String> out = new ArrayList<>();
        session.get("transcript")
                .forEach(l ->
                        out.add(l.get("from").asString() + ": " + l.get("line").asString()));
        return out;
    }
}
