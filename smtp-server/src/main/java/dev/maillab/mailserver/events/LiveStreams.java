package dev.maillab.mailserver.events;

import dev.maillab.events.EventJournal;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.LiveStream;
import dev.maillab.events.StreamSlots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The live streams of {@code GET /api/events/stream}: each holds a slot ({@code maillab.events.max-streams}) and a
 * thread of its own that writes its {@link LiveStream} until the client goes away (a write fails, at the latest at
 * the next ping) or the service stops; then the slot comes back. Not Spring MVC's task executor: its queue would hold
 * streams beyond its core size unstarted, and its request timeout would cut them. The streams end when the
 * application begins to stop (this lifecycle's phase is before the web server's graceful shutdown, which would
 * otherwise wait for them).
 */
final class LiveStreams implements SmartLifecycle {

    /** The servlet container never times a stream out (0: none): it ends when its client leaves. */
    static final long NO_TIMEOUT = 0L;

    private final EventJournal journal;
    private final EventsProperties properties;
    private final StreamSlots slots;
    private final ExecutorService threads;
    private volatile boolean running;

    LiveStreams(EventJournal journal, EventsProperties properties) {
        this.journal = journal;
        this.properties = properties;
        this.slots = new StreamSlots(properties);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "events-stream-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A stream of the events after {@code after}, already being written.
     *
     * @throws NoStreamLeft when every slot is taken
     */
    ResponseBodyEmitter open(long after) {
        if (!slots.tryTake()) {
            throw new NoStreamLeft(properties.maxStreams());
        }
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(NO_TIMEOUT);
        LiveStream stream = new LiveStream(journal, after, properties.pingInterval());
        try {
            threads.execute(() -> write(stream, emitter));
        } catch (RejectedExecutionException e) {
            slots.giveBack(); // stopping
            throw new NoStreamLeft(properties.maxStreams());
        }
        return emitter;
    }

    private void write(LiveStream stream, ResponseBodyEmitter emitter) {
        try {
            stream.writeTo(new EmitterOutput(emitter));
            emitter.complete(); // interrupted: the service stops
        } catch (IOException | IllegalStateException gone) {
            // the client went away (a write failed, or the container already ended the response)
            emitter.completeWithError(gone);
        } finally {
            slots.giveBack();
        }
    }

    /** Streams open now. */
    int open() {
        return properties.maxStreams() - slots.free();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        threads.shutdownNow(); // each stream's thread is interrupted, completes its response and gives its slot back
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE; // stopped first: the web server's graceful shutdown comes after
    }

    /** Each write is one send: the emitter writes and flushes it as it is. */
    private static final class EmitterOutput extends OutputStream {

        private final ResponseBodyEmitter emitter;

        EmitterOutput(ResponseBodyEmitter emitter) {
            this.emitter = emitter;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            emitter.send(
                    off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len),
                    MediaType.TEXT_EVENT_STREAM);
        }
    }

    /** Every live stream slot is taken: 503. */
    static final class NoStreamLeft extends RuntimeException {
        NoStreamLeft(int max) {
            super("all " + max + " live streams are open (maillab.events.max-streams); try again later");
        }
    }
}
