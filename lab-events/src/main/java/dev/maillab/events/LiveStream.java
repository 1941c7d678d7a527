package dev.maillab.events;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * One reader's live stream of a journal, as the bytes of text/event-stream: a hello, then the frames of each event
 * as it is recorded, and a ping after each {@code ping-interval} with none. The web layer of a service pulls from
 * {@link #next()} on a thread of the stream's own (a servlet response's output stream, a Reactor generate on a
 * blocking-capable scheduler), so one slow reader holds up nobody.
 */
public final class LiveStream {

    /** Events per frame batch: a reader far behind catches up in bounded writes. */
    private static final int BATCH = 500;

    private final EventJournal journal;
    private final Duration pingInterval;
    private long cursor;
    private boolean greeted;

    /** @param after the seq after which the stream starts ({@link EventQuery#streamStart}) */
    public LiveStream(EventJournal journal, long after, Duration pingInterval) {
        this.journal = journal;
        this.cursor = after;
        this.pingInterval = pingInterval;
    }

    /** The next bytes to send; blocks up to the ping interval. */
    public byte[] next() throws InterruptedException {
        if (!greeted) {
            greeted = true;
            return SseFrames.HELLO;
        }
        List<Event> events = journal.await(cursor, BATCH, pingInterval);
        if (events.isEmpty()) {
            if (journal.last() > cursor) {
                cursor = journal.last(); // what it waited for has already been dropped from the ring
            }
            return SseFrames.PING;
        }
        cursor = events.get(events.size() - 1).seq();
        return SseFrames.of(events);
    }

    /** Writes the stream to {@code out} until writing fails (the reader went away) or the thread is interrupted. */
    public void writeTo(OutputStream out) throws IOException {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                out.write(next());
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
