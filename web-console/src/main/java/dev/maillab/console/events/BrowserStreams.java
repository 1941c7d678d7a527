package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browsers' side of {@code /events}: each open stream has one thread that waits on the {@link EventHub} and
 * writes what it finds, a {@code : ping} comment every 15 s when there is nothing. At most maillab.console.max-streams
 * at once; a stream closes after maillab.console.stream-timeout and the browser's EventSource reconnects with the
 * last id it saw.
 */
@Component
public class BrowserStreams implements SmartLifecycle {

    static final long PING_MILLIS = 15_000;

    /** The event a page gets when the events it would continue after are gone: it reloads its live parts. */
    public static final String RESET = "console.reset";

    /** Thrown when maillab.console.max-streams are open: answered 503. */
    public static class TooManyStreamsException extends RuntimeException {
        TooManyStreamsException(int max) {
            super(max + " event streams are open, the most the console serves at once");
        }
    }

    private final EventHub hub;
    private final int max;
    private final long timeoutMillis;
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService threads;
    private volatile boolean running;

    public BrowserStreams(EventHub hub, ConsoleProperties settings) {
        this.hub = hub;
        this.max = settings.maxStreams();
        this.timeoutMillis = settings.streamTimeout().toMillis();
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "events-browser-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A stream that starts after console event {@code after} (-1: from now on). */
    public SseEmitter open(long after) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new TooManyStreamsException(max);
        }
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        Pump pump = new Pump(emitter, after < 0 ? hub.last() : after);
        emitter.onCompletion(pump::close);
        emitter.onTimeout(() -> {
            // completed here, the request ends cleanly (else Spring answers it with a timeout error)
            pump.close();
            emitter.complete();
        });
        emitter.onError(e -> pump.close());
        try {
            threads.execute(pump);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw new TooManyStreamsException(max);
        }
        return emitter;
    }

    /** Streams open now. */
    public int open() {
        return open.get();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream (the pumps are interrupted and complete their emitters) before the web server's graceful
     * shutdown, which would otherwise wait for these never-ending requests; browsers reconnect to the next console.
     */
    @Override
    public void stop() {
        running = false;
        threads.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Pump implements Runnable {

        private final SseEmitter emitter;
        private volatile boolean closed;
        private long cursor;

        Pump(SseEmitter emitter, long after) {
            this.emitter = emitter;
            this.cursor = after;
        }

        void close() {
            closed = true;
        }

        @Override
        public void run() {
            try {
                // the first bytes let the browser's EventSource report the stream open at once
                emitter.send(SseEmitter.event().comment("console events after " + cursor));
                while (!closed) {
                    EventHub.Batch batch = hub.after(cursor, PING_MILLIS);
                    if (batch.gap()) {
                        emitter.send(SseEmitter.event().name(RESET).data("{}"));
                        if (batch.events().isEmpty()) {
                            cursor = hub.last();
                        }
                    }
                    if (batch.events().isEmpty() && !batch.gap()) {
                        emitter.send(SseEmitter.event().comment("ping"));
                    }
                    for (EventHub.Relayed r : batch.events()) {
                        // one line of JSON (the services write no raw CR or LF): nothing in it can end the SSE frame
                        emitter.send(SseEmitter.event()
                                .id(Long.toString(r.id()))
                                .name(r.event().kind())
                                .data(r.event().json()));
                        cursor = r.id();
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // the browser went away (or the emitter timed out): nothing to tell it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.decrementAndGet();
                try {
                    emitter.complete();
                } catch (RuntimeException e) {
                    // already completed, or the browser's connection broke: nothing left to close
                }
            }
        }
    }
}
