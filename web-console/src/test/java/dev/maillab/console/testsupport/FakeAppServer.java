package dev.maillab.console.testsupport;

import com.sun.net.httpserver.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * app-server's {@code POST /api/mail}: records each request's JSON and answers what the test set (by default a
 * receipt, as app-server's SendReceipt).
 */
public class FakeAppServer extends FakeService {

    /** What the fake answers: status and JSON. */
    public record Reply(int status, String json) {}

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private static final Function<JsonNode, Reply> RECEIPT = request -> new Reply(200, """
            {"messageId":"<sent-1@example.local>","relay":"mail.example.local","recipients":["test@example.local"],
             "queueId":"ABC123DEF","reply":"250 2.0.0 Ok: queued as ABC123DEF"}""");

    private volatile Function<JsonNode, Reply> answer = RECEIPT;

    public FakeAppServer() {
        super("app-server");
    }

    /** How to answer from now on; null: the receipt again. */
    public void answer(Function<JsonNode, Reply> answer) {
        this.answer = answer == null ? RECEIPT : answer;
    }

    public List<JsonNode> mailRequests() {
        return List.copyOf(requests);
    }

    @Override
    protected HttpHandler handler(String method, String path) {
        if (!method.equals("POST") || !path.equals("/api/mail")) {
            return null;
        }
        return ex -> {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                problem(ex, 415, "application/json only");
                return;
            }
            JsonNode request = JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Reply r = answer.apply(request);
            send(
                    ex,
                    r.status(),
                    r.status() == 200 ? "application/json" : "application/problem+json",
                    r.json().getBytes(StandardCharsets.UTF_8));
        };
    }
}
