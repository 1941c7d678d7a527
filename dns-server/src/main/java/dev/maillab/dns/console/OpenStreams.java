package dev.maillab.dns.console;

import dev.maillab.events.EventJournal;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.LiveStream;
import dev.maillab.events.StreamSlots;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The live event streams open now, at most {@code max-streams}. Each runs {@link LiveStream#next()}, which blocks, on
 * a thread of its own (never one of Netty's); when its client goes away the thread is interrupted where it waits and
 * the slot given back. When the service stops, every stream ends first (a stream never ends by itself, so the web
 * server's graceful shutdown would otherwise wait out its whole timeout for them) and no new one opens.
 */
@Component
class OpenStreams implements SmartLifecycle {

    private final EventJournal journal;
    private final EventsProperties properties;
    private final StreamSlots slots;
    private final Sinks.One<Boolean> stopping = Sinks.one();
    private volatile boolean running;

    OpenStreams(EventJournal journal, EventsProperties properties, StreamSlots slots) {
        this.journal = journal;
        this.properties = properties;
        this.slots = slots;
    }

    /**
     * The stream's bytes (text/event-stream) from after {@code start}, or null when every slot is taken or the
     * service is stopping.
     */
    Flux<byte[]> open(long start) {
        if (!running || !slots.tryTake()) {
            return null;
        }
        LiveStream live = new LiveStream(journal, start, properties.pingInterval());
        Scheduler thread = Schedulers.newSingle("events-stream", true);
        return Flux.<byte[]>generate(sink -> {
                    try {
                        sink.next(live.next());
                    } catch (InterruptedException e) {
                        sink.complete(); // cancelled: the thread is being shut down
                    }
                })
                .subscribeOn(thread)
                .takeUntilOther(stopping.asMono())
                // after a cancel (the client went away) or the end at shutdown: stop the thread, free the slot
                .doFinally(signal -> {
                    thread.dispose();
                    slots.giveBack();
                });
    }

    @Override
    public void start() {
        running = true;
    }

    /** Before the web server's graceful shutdown (this phase stops earlier): end every stream. */
    @Override
    public void stop() {
        running = false;
        stopping.tryEmitValue(true);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
