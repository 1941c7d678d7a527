package dev.maillab.console.events;

import dev.maillab.console.BadInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: the console's one event stream, every event of the three services as {@code id: <console
 * number>}, {@code event: <kind>}, {@code data: <the service's JSON>}. {@code after} (a page's starting point) or
 * Last-Event-ID (a reconnect) says where to continue; {@value BrowserStreams#RESET} says the page must reload its
 * live parts because events it would have needed are gone.
 */
@RestController
public class EventsController {

    private final BrowserStreams streams;

    public EventsController(BrowserStreams streams) {
        this.streams = streams;
    }

    // no "produces": a bad request must still be answered with problem+json
    @GetMapping("/events")
    public SseEmitter events(
            @RequestParam(name = "after", required = false) String after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        String from = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        return streams.open(from == null ? -1 : position(from));
    }

    private static long position(String value) {
        if (value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9') || value.isEmpty()) {
            throw new BadInputException("after / Last-Event-ID must be a console event number, not \""
                    + BadInputException.shown(value) + "\"");
        }
        return Long.parseLong(value);
    }
}
