package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way the console asks a service: java.net.http with the configured connect and request timeouts, answers
 * read up to a bound. A service that cannot be reached is a {@link ServiceUnreachableException}, a non-2xx answer
 * a {@link ServiceAnswerException}; callers turn both into words on the page.
 */
@Component
public class ServiceClient {

    /** A page of 5000 events with their transcripts; smtp-server's events are cut to keep them far below this. */
    static final long MAX_JSON_BYTES = 32L << 20;

    /** One message or part: smtp-server accepts messages of about 10 MB. */
    public static final long MAX_CONTENT_BYTES = 32L << 20;

    /** An answer as it came: status, the headers the console passes on, the body. */
    public record Answer(int status, String contentType, String contentDisposition, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final ConsoleProperties settings;
    private final JsonMapper json;

    public ServiceClient(HttpClient http, ConsoleProperties settings, JsonMapper json) {
        this.http = http;
        this.settings = settings;
        this.json = json;
    }

    /** GET path (e.g. {@code /api/zones}) as a JSON tree; anything but 2xx JSON is an exception. */
    public JsonNode getJson(Service service, String path) {
        Answer answer = require(service, get(service, path, MAX_JSON_BYTES));
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            throw notContract(service, e);
        }
    }

    /** GET path as the given type (records of the contract's fields). */
    public <T> T getJson(Service service, String path, TypeReference<T> type) {
        Answer answer = require(service, get(service, path, MAX_JSON_BYTES));
        try {
            return json.readValue(answer.body(), type);
        } catch (JacksonException e) {
            throw notContract(service, e);
        }
    }

    /** GET path as bytes, 2xx only. */
    public Answer getBytes(Service service, String path, long maxBytes) {
        return require(service, get(service, path, maxBytes));
    }

    /** POST a body; the answer whatever its status (the send form shows app-server's problem details). */
    public Answer post(Service service, String path, String contentType, byte[] body, Duration timeout) {
        HttpRequest.Builder request = request(service, path, timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return exchange(service, request.build(), MAX_JSON_BYTES);
    }

    /** POST without a body, 2xx only. */
    public Answer post(Service service, String path) {
        HttpRequest request = request(service, path, settings.requestTimeout())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return require(service, exchange(service, request, MAX_JSON_BYTES));
    }

    /** One path segment percent-encoded (everything but RFC 3986 unreserved characters). */
    public static String segment(String raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    URI uri(Service service, String path) {
        String base = service.baseUrl(settings).toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    private Answer get(Service service, String path, long maxBytes) {
        HttpRequest request = request(service, path, settings.requestTimeout())
                .header("Accept", "application/json, */*;q=0.5")
                .GET()
                .build();
        return exchange(service, request, maxBytes);
    }

    private HttpRequest.Builder request(Service service, String path, Duration timeout) {
        return HttpRequest.newBuilder(uri(service, path)).timeout(timeout);
    }

    private Answer exchange(Service service, HttpRequest request, long maxBytes) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (body.length > maxBytes) {
                    throw new ServiceAnswerException(service, 502, "an answer larger than " + maxBytes + " bytes");
                }
                return new Answer(
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        response.headers().firstValue("Content-Disposition").orElse(null),
                        body);
            }
        } catch (IOException e) {
            throw new ServiceUnreachableException(
                    service, reason(e, request.uri(), request.timeout().orElseThrow()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException(service, "interrupted", e);
        }
    }

    /** Why a request got no answer, in the words the pages show. */
    String reason(IOException e, URI uri, Duration requestTimeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + uri.getAuthority() + " within " + seconds(settings.connectTimeout());
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + uri.getAuthority() + " within " + seconds(requestTimeout);
        }
        if (e instanceof ConnectException) {
            return "connection refused at " + uri.getAuthority();
        }
        return e.getClass().getSimpleName() + " from " + uri.getAuthority()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private Answer require(Service service, Answer answer) {
        if (!answer.ok()) {
            throw new ServiceAnswerException(service, answer.status(), problemDetail(answer));
        }
        return answer;
    }

    /** The detail of a problem+json answer, else the start of the body. */
    private String problemDetail(Answer answer) {
        try {
            JsonNode problem = json.readTree(answer.body());
            for (String field : new String[] {"detail", "title", "error"}) {
                JsonNode value = problem.get(field);
                if (value != null && value.isString() && !value.stringValue().isBlank()) {
                    return value.stringValue();
                }
            }
        } catch (JacksonException e) {
            // not JSON: the text itself says what went wrong
        }
        String text = answer.text().strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static ServiceAnswerException notContract(Service service, JacksonException e) {
        return new ServiceAnswerException(
                service, 502, "not the JSON the console expects (" + e.getOriginalMessage() + ")");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
