package dev.maillab.mailserver.relay.api;

import dev.maillab.mailserver.relay.QueueManager;
import dev.maillab.mailserver.relay.queue.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One line of {@code GET /api/queue}, what {@code mailq} shows: id, size, age (seconds since it was queued),
 * sender ({@code ""} for a bounce), the recipients still to deliver to, attempts so far, when the next one is due,
 * why the last one failed, and whether an attempt is under way now.
 */
record QueuedMessage(
        String id,
        long size,
        Instant arrival,
        long age,
        String sender,
        List<String> recipients,
        int attempts,
        Instant nextTry,
        String lastError,
        boolean active) {

    static QueuedMessage of(QueueManager.Queued queued, Instant now) {
        Envelope e = queued.envelope();
        return new QueuedMessage(
                e.id(),
                e.size(),
                e.arrival(),
                Math.max(0, Duration.between(e.arrival(), now).toSeconds()),
                e.sender(),
                e.recipients(),
                e.attempts(),
                e.nextTry(),
                e.lastError(),
                queued.active());
    }
}
