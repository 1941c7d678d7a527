package dev.maillab.app.events;

import dev.maillab.events.EventJournal;
import dev.maillab.events.EventQuery;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.servlet.ServletEventStreams;
import dev.maillab.events.servlet.StreamsBusyException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What app-server tells the web console: {@code GET /api/events} (a page of the journal), {@code GET
 * /api/events/stream} (the live stream, resumed with Last-Event-ID) and the loopback-only {@code POST /api/events}
 * through which the send command hands over its {@code app.send}. Problems are problem+json whatever the request
 * accepts (a stream reader asks for text/event-stream).
 */
@RestController
@RequestMapping("/api/events")
class EventsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventJournal journal;
    private final ServletEventStreams streams;
    private final int maxPage;
    private final long maxEventSize;

    EventsController(EventJournal journal, ServletEventStreams streams, EventsProperties properties) {
        this.journal = journal;
        this.streams = streams;
        this.maxPage = properties.maxPage();
        this.maxEventSize = properties.maxEventSize().toBytes();
    }

    @GetMapping
    ResponseEntity<byte[]> page(
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "kind", required = false) String kind) {
        EventQuery query = EventQuery.parse(after, limit, kind, maxPage);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(journal.read(query).json());
    }

    @GetMapping("/stream")
    ResponseEntity<ResponseBodyEmitter> stream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        long after = EventQuery.streamStart(lastEventId, journal);
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .cacheControl(CacheControl.noStore())
                .body(streams.open(after));
    }

    /** An {@code app.send} of the send command: 202 once recorded. */
    @PostMapping
    ResponseEntity<byte[]> post(HttpServletRequest request) throws IOException {
        String peer = request.getRemoteAddr();
        if (!LoopbackPeer.is(peer)) {
            return problem(
                    HttpStatus.FORBIDDEN,
                    "urn:maillab:problem:not-loopback",
                    "Loopback only",
                    "events are posted only from this machine (a loopback address), not from " + peer);
        }
        String type = request.getContentType();
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
            // JSON only: a browser page cannot send that to this machine without a CORS preflight, which fails
            return problem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "urn:maillab:problem:not-json",
                    "JSON only",
                    "an event is posted as application/json");
        }
        if (request.getContentLengthLong() > maxEventSize) {
            return tooLarge();
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxEventSize + 1));
        if (body.length > maxEventSize) {
            return tooLarge();
        }
        long seq = journal.record(AppSend.KIND, PostedEvent.appSend(body));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsBytes(Map.of("seq", seq)));
    }

    /** A bad after, limit, kind, Last-Event-ID or posted event. */
    @ExceptionHandler
    ResponseEntity<byte[]> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "urn:maillab:problem:bad-event-request", "Bad request", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<byte[]> busy(StreamsBusyException e) {
        ResponseEntity<byte[]> p = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "urn:maillab:problem:too-many-streams",
                "Too many streams",
                e.getMessage());
        return ResponseEntity.status(p.getStatusCode())
                .headers(p.getHeaders())
                .header("Retry-After", "5")
                .body(p.getBody());
    }

    private ResponseEntity<byte[]> tooLarge() {
        ResponseEntity<byte[]> p = problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "urn:maillab:problem:request-too-large",
                "Event too large",
                "an event is at most " + maxEventSize + " bytes (maillab.events.max-event-size)");
        // the rest of the body is not read: the connection ends with this answer
        return ResponseEntity.status(p.getStatusCode())
                .headers(p.getHeaders())
                .header("Connection", "close")
                .body(p.getBody());
    }

    private static ResponseEntity<byte[]> problem(HttpStatus status, String type, String title, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("title", title);
        p.put("status", status.value());
        p.put("detail", detail);
        // a preset content type: Accept (text/event-stream from a stream reader) is not negotiated
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(JSON.writeValueAsBytes(p));
    }
}
