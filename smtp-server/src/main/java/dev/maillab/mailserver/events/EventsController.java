package dev.maillab.mailserver.events;

import dev.maillab.events.EventJournal;
import dev.maillab.events.EventQuery;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.servlet.ServletEventStreams;
import dev.maillab.events.servlet.StreamsBusyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The journal for the web console: {@code GET /api/events?after=&limit=&kind=} pages it (oldest first, with the
 * newest seq), {@code GET /api/events/stream} follows it live (Server-Sent Events, resumed after a
 * {@code Last-Event-ID}). Bad parameters are a 400 problem, no stream left a 503 problem.
 */
@RestController
class EventsController {

    private final EventJournal journal;
    private final EventsProperties properties;
    private final ServletEventStreams streams;

    EventsController(EventJournal journal, EventsProperties properties, ServletEventStreams streams) {
        this.journal = journal;
        this.properties = properties;
        this.streams = streams;
    }

    @GetMapping("/api/events")
    ResponseEntity<byte[]> events(
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "kind", required = false) String kind) {
        EventQuery query = EventQuery.parse(after, limit, kind, properties.maxPage());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(journal.read(query).json());
    }

    @GetMapping("/api/events/stream")
    ResponseEntity<ResponseBodyEmitter> stream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        long after = EventQuery.streamStart(lastEventId, journal);
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Accel-Buffering", "no")
                .body(streams.open(after));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(StreamsBusyException.class)
    ResponseEntity<ProblemDetail> noStreamLeft(StreamsBusyException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /** As application/problem+json whatever the request accepts (a stream's reader asks for text/event-stream). */
    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
