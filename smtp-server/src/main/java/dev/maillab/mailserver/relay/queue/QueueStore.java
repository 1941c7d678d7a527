package dev.maillab.mailserver.relay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where queued mail is kept: one entry per message, its content written once, its {@link Envelope} replaced as
 * deliveries go. Delivery and the queue API never touch files; {@link FileQueueStore} is the durable one.
 */
public interface QueueStore {

    /**
     * Adds a new entry and returns only when it would survive a crash (content and envelope fsynced, then their
     * directory); throws if that could not be done, leaving no entry. An id already in the queue is an error.
     */
    void add(Envelope envelope, byte[] content) throws IOException;

    /** Replaces an entry's envelope, atomically: a crash leaves the old one or the new one. */
    void update(Envelope envelope) throws IOException;

    /** Removes an entry; false when there was none. */
    boolean remove(String id) throws IOException;

    /** Every entry's envelope. */
    List<Envelope> list() throws IOException;

    /** An entry's content, as it was added. */
    InputStream open(String id) throws IOException;
}
