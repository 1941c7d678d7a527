package dev.maillab.console.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One service's HTTP API as the console contract shapes it, on a real socket (com.sun.net.httpserver, 127.0.0.1, a
 * free port): the event ring ({@code GET /api/events}) and its live stream ({@code GET /api/events/stream}, with
 * Last-Event-ID replay and pings), plus whatever a subclass serves. Every request path is recorded, so a test can
 * say what the console did and did not ask for.
 */
public class FakeService implements AutoCloseable {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-service");
        t.setDaemon(true);
        return t;
    });
    private final List<ObjectNode> events = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private long seq;

    public FakeService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::route);
        server.start();
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Request paths with their queries, as received (still percent-encoded), oldest first. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Records an event now: seq, time and kind are set, the fields come from the caller. */
    public ObjectNode publish(String kind, ObjectNode fields) {
        return publish(kind, Instant.now(), fields);
    }

    public ObjectNode publish(String kind, Instant time, ObjectNode fields) {
        synchronized (events) {
            ObjectNode e = JSON.createObjectNode();
            e.put("seq", ++seq);
            e.put("time", time.truncatedTo(ChronoUnit.MILLIS).toString());
            e.put("kind", kind);
            e.setAll(fields);
            events.add(e);
            events.notifyAll();
            return e;
        }
    }

    public static ObjectNode fields() {
        return JSON.createObjectNode();
    }

    /** Handles a path this fake serves besides the events; null when it does not (404). */
    protected HttpHandler handler(String method, String path) {
        return null;
    }

    private void route(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + ex.getRequestURI().getRawQuery()));
        try {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/api/events")) {
                events(ex);
            } else if (method.equals("GET") && path.equals("/api/events/stream")) {
                stream(ex);
            } else {
                HttpHandler h = handler(method, path);
                if (h == null) {
                    problem(ex, 404, "no such resource: " + path);
                } else {
                    h.handle(ex);
                }
            }
        } catch (RuntimeException e) {
            problem(ex, 500, e.toString());
        } finally {
            ex.close();
        }
    }

    private void events(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        long after = Long.parseLong(q.getOrDefault("after", "0"));
        int limit = Math.min(5000, Integer.parseInt(q.getOrDefault("limit", "500")));
        String kind = q.get("kind");
        ObjectNode answer = JSON.createObjectNode();
        var list = answer.putArray("events");
        synchronized (events) {
            for (ObjectNode e : events) {
                if (list.size() >= limit) {
                    break;
                }
                if (e.get("seq").asLong() > after
                        && (kind == null || kind.equals(e.get("kind").asString()))) {
                    list.add(e);
                }
            }
            answer.put("last", seq);
        }
        json(ex, 200, answer.toString());
    }

    private void stream(HttpExchange ex) throws IOException {
        String lastId = ex.getRequestHeaders().getFirst("Last-Event-ID");
        long cursor;
        synchronized (events) {
            cursor = lastId == null ? seq : Long.parseLong(lastId.strip());
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(": hello\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (!closed) {
            List<ObjectNode> next = new ArrayList<>();
            synchronized (events) {
                for (ObjectNode e : events) {
                    if (e.get("seq").asLong() > cursor) {
                        next.add(e);
                    }
                }
                if (next.isEmpty()) {
                    try {
                        events.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            StringBuilder frames = new StringBuilder();
            for (ObjectNode e : next) {
                frames.append("id: ").append(e.get("seq").asLong()).append('\n');
                frames.append("event: ").append(e.get("kind").asString()).append('\n');
                frames.append("data: ").append(e).append("\n\n");
                cursor = e.get("seq").asLong();
            }
            if (frames.isEmpty()) {
                frames.append(": ping\n\n");
            }
            out.write(frames.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    protected static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    protected static void json(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    protected static void problem(HttpExchange ex, int status, String detail) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", status == 404 ? "Not Found" : status == 400 ? "Bad Request" : "Error");
        p.put("status", status);
        p.put("detail", detail);
        send(ex, status, "application/problem+json", p.toString().getBytes(StandardCharsets.UTF_8));
    }

    protected static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (events) {
            events.notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
