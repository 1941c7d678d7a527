package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The events relayed from the services, numbered by the console (its own {@code id:} on {@code /events}), in a
 * bounded ring so a browser that reconnects with Last-Event-ID gets what it missed. The readers of the services'
 * streams publish; each browser stream waits here on its own thread, so a slow browser never holds up a reader.
 */
@Component
public class EventHub {

    /** One relayed event and its console number. */
    public record Relayed(long id, Event event) {}

    /**
     * What a browser stream gets next.
     *
     * @param gap    the events it asked to continue after are no longer held (or never were: the console restarted):
     *               the page must reload its live parts
     * @param events the events to send, oldest first
     */
    public record Batch(boolean gap, List<Relayed> events) {}

    private final Relayed[] ring;
    private long last;

    public EventHub(ConsoleProperties settings) {
        this.ring = new Relayed[Math.max(1, settings.eventsBuffered())];
    }

    public synchronized void publish(Event event) {
        last++;
        ring[(int) (last % ring.length)] = new Relayed(last, event);
        notifyAll();
    }

    /** The console number of the newest event; pages start their stream after it. */
    public synchronized long last() {
        return last;
    }

    /** The events after {@code after}, waiting up to {@code waitMillis} for one when there is none yet. */
    public synchronized Batch after(long after, long waitMillis) throws InterruptedException {
        if (after > last) {
            return new Batch(true, List.of());
        }
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (last <= after) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return new Batch(false, List.of());
            }
            wait(left);
        }
        long oldest = Math.max(1, last - ring.length + 1);
        boolean gap = after + 1 < oldest;
        List<Relayed> events = new ArrayList<>();
        for (long id = Math.max(after + 1, oldest); id <= last; id++) {
            events.add(ring[(int) (id % ring.length)]);
        }
        return new Batch(gap, events);
    }
}
