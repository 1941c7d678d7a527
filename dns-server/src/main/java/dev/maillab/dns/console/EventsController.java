package dev.maillab.dns.console;

import dev.maillab.events.EventJournal;
import dev.maillab.events.EventQuery;
import dev.maillab.events.EventsProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The journal for the web console: {@code GET /api/events} (pages, oldest first) and {@code GET /api/events/stream}
 * (text/event-stream, resumed with Last-Event-ID; {@link OpenStreams} runs them).
 */
@RestController
class EventsController {

    private final EventJournal journal;
    private final EventsProperties properties;
    private final OpenStreams streams;

    EventsController(EventJournal journal, EventsProperties properties, OpenStreams streams) {
        this.journal = journal;
        this.properties = properties;
        this.streams = streams;
    }

    @GetMapping("/api/events")
    ResponseEntity<byte[]> events(
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String kind) {
        EventQuery query;
        try {
            query = EventQuery.parse(after, limit, kind, properties.maxPage());
        } catch (IllegalArgumentException e) {
            return Problems.entity(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(journal.read(query).json());
    }

    @GetMapping("/api/events/stream")
    Mono<Void> stream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, ServerHttpResponse response) {
        long start;
        try {
            start = EventQuery.streamStart(lastEventId, journal);
        } catch (IllegalArgumentException e) {
            return Problems.write(response, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Flux<byte[]> frames = streams.open(start);
        if (frames == null) {
            return Problems.write(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "every one of the " + properties.maxStreams()
                            + " event streams is taken (maillab.events.max-streams), or dns-server is stopping");
        }
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl(CacheControl.noStore());
        response.getHeaders().set("X-Accel-Buffering", "no");
        return response.writeAndFlushWith(
                frames.map(bytes -> Mono.just(response.bufferFactory().wrap(bytes))));
    }
}
