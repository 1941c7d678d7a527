package dev.maillab.events.servlet;

import dev.maillab.events.EventJournal;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.LiveStream;
import dev.maillab.events.StreamSlots;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The live streams of {@code GET /api/events/stream} in a Spring MVC service (smtp-server, app-server): each takes a slot ({@link StreamSlots}) and a thread of its
 * own that writes its {@link LiveStream} until the reader goes away (a write fails, at the latest at the next ping)
 * or the service stops; then the slot is given back. A stream has no async timeout: it lasts as long as its reader.
 * Stopped first when the service shuts down, so a graceful shutdown does not wait for readers that never leave. Not
 * Spring MVC's task executor: its queue would hold streams beyond its core size unstarted.
 */
public final class ServletEventStreams implements SmartLifecycle {

    /** The Servlet async timeout of a stream: none (zero or less). */
    private static final long NO_TIMEOUT = -1;

    private final EventJournal journal;
    private final StreamSlots slots;
    private final Duration pingInterval;
    private final int maxStreams;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    /** Set once the service stops: no stream opens or goes on any more. */
    private volatile boolean stopping;

    public ServletEventStreams(EventJournal journal, StreamSlots slots, EventsProperties properties) {
        this.journal = journal;
        this.slots = slots;
        this.pingInterval = properties.pingInterval();
        this.maxStreams = properties.maxStreams();
    }

    /**
     * A stream of what comes after {@code after}.
     *
     * @throws StreamsBusyException when every slot is taken
     */
    public ResponseBodyEmitter open(long after) {
        if (stopping || !slots.tryTake()) {
            throw new StreamsBusyException(maxStreams);
        }
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(NO_TIMEOUT);
        Thread thread = new Thread(() -> write(emitter, after), "events-stream");
        thread.setDaemon(true);
        // the request ended (the reader left and the container saw it, or an error): stop waiting for events
        emitter.onCompletion(thread::interrupt);
        emitter.onError(e -> thread.interrupt());
        threads.add(thread);
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            threads.remove(thread);
            slots.giveBack();
            throw e;
        }
        return emitter;
    }

    private void write(ResponseBodyEmitter emitter, long after) {
        LiveStream live = new LiveStream(journal, after, pingInterval);
        try {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                emitter.send(live.next(), MediaType.TEXT_EVENT_STREAM);
            }
            emitter.complete();
        } catch (InterruptedException e) {
            complete(emitter); // the service stops, or the request has already ended
        } catch (IOException | IllegalStateException e) {
            // the reader went away (the write failed), or the request ended before this send
        } finally {
            threads.remove(Thread.currentThread());
            slots.giveBack();
        }
    }

    private static void complete(ResponseBodyEmitter emitter) {
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            // already completed
        }
    }

    /** Streams open now. */
    public int count() {
        return threads.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream: each thread completes its response, which the graceful shutdown then no longer waits on. */
    @Override
    public void stop() {
        stopping = true;
        running = false;
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!threads.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
