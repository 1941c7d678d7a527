package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/events} of each service: oldest first, paged by {@code after}. */
@Component
public class EventsClient {

    /** The contract's largest page. */
    static final int PAGE = 5000;

    private final ServiceClient client;
    private final int maxEvents;

    public EventsClient(ServiceClient client, ConsoleProperties settings) {
        this.client = client;
        this.maxEvents = settings.journeyEvents();
    }

    /** One page: the events after {@code after} (of one kind, or all when null) and the newest seq in the ring. */
    public record Page(List<Event> events, long last) {}

    public Page page(Service service, long after, int limit, String kind) {
        String path = "/api/events?after=" + after + "&limit=" + limit
                + (kind == null ? "" : "&kind=" + ServiceClient.segment(kind));
        JsonNode answer = client.getJson(service, path);
        List<Event> events = new ArrayList<>();
        JsonNode list = answer.get("events");
        if (list != null && list.isArray()) {
            for (JsonNode e : list) {
                Event event = Event.of(service, e);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        JsonNode last = answer.get("last");
        return new Page(events, last != null && last.isNumber() ? last.asLong() : 0);
    }

    /** Everything the service still holds (of one kind, or all), up to maillab.console.journey-events, oldest first. */
    public List<Event> all(Service service, String kind) {
        List<Event> all = new ArrayList<>();
        long after = 0;
        while (all.size() < maxEvents) {
            Page page = page(service, after, Math.min(PAGE, maxEvents - all.size()), kind);
            all.addAll(page.events());
            if (page.events().isEmpty()) {
                break;
            }
            after = page.events().get(page.events().size() - 1).seq();
            if (after >= page.last()) {
                break;
            }
        }
        return all;
    }

    /** The newest {@code count} events (of one kind, or all), oldest first. */
    public List<Event> newest(Service service, String kind, int count) {
        long last = page(service, 0, 1, kind).last();
        // seq counts every kind of the service: where it records other kinds too, the window holds fewer of this one
        List<Event> events = page(service, Math.max(0, last - count), Math.min(PAGE, count), kind)
                .events();
        return events.size() > count ? events.subList(events.size() - count, events.size()) : events;
    }
}
