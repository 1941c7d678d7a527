package dev.maillab.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a service keeps of its events for the web console, and how it serves them.
 *
 * @param enabled      record events at all; off, the API answers with an empty journal
 * @param capacity     the newest this many events are kept
 * @param maxMemory    ... and at most this many bytes of their JSON; the oldest go first
 * @param maxEventSize one event's JSON above this is kept as a stub that says how big it was
 * @param pingInterval a live stream with nothing to send writes a comment this often (the console's liveness check)
 * @param maxStreams   live streams open at once (one thread each); the next gets 503
 * @param maxPage      most events one {@code GET /api/events} answers
 * @param maxRate      events recorded per second at most; more in one second are counted, not recorded, and one
 *                     {@code events.dropped} event says how many (a load test must not pay for a journal it turns
 *                     over ten times a second; a lab's traffic stays far below)
 */
@ConfigurationProperties("maillab.events")
public record EventsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10000") int capacity,
        @DefaultValue("32MB") DataSize maxMemory,
        @DefaultValue("256KB") DataSize maxEventSize,
        @DefaultValue("15s") Duration pingInterval,
        @DefaultValue("32") int maxStreams,
        @DefaultValue("5000") int maxPage,
        @DefaultValue("1000") int maxRate) {

    public EventsProperties {
        if (capacity < 1 || maxStreams < 1 || maxPage < 1 || maxRate < 1) {
            throw new IllegalArgumentException(
                    "maillab.events.capacity, max-streams, max-page and max-rate must be at least 1");
        }
        if (maxEventSize.toBytes() < 256 || maxMemory.toBytes() < maxEventSize.toBytes()) {
            throw new IllegalArgumentException(
                    "maillab.events.max-event-size must be at least 256B and at most max-memory");
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("maillab.events.ping-interval must be positive");
        }
    }
}
