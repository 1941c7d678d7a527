package dev.maillab.console.events;

import dev.maillab.console.ConsoleProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Reads each service's {@code /api/events/stream} on a thread of its own and publishes every event to the
 * {@link EventHub}. A stream that breaks is opened again with the Last-Event-ID it had reached, so the service
 * replays what came in between; a service that is down is tried again every few seconds, and its state is what the
 * pages show as live or unreachable.
 */
@Component
public class UpstreamStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UpstreamStreams.class);

    /** The services ping every 15 s: a stream silent for this long is dead and is opened again. */
    static final Duration SILENCE = Duration.ofSeconds(45);

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /**
     * What the pages say about one service's stream.
     *
     * @param connected the stream is open
     * @param detail    why not, when it is not (e.g. "connection refused at 127.0.0.1:8025")
     * @param since     when it last changed
     */
    public record State(Service service, boolean connected, String detail, Instant since) {}

    private final HttpClient http;
    private final ServiceClient client;
    private final EventHub hub;
    private final Duration requestTimeout;
    private final Map<Service, Reader> readers = new LinkedHashMap<>();
    private volatile boolean running;
    private ScheduledExecutorService watchdog;

    public UpstreamStreams(HttpClient http, ServiceClient client, EventHub hub, ConsoleProperties settings) {
        this.http = http;
        this.client = client;
        this.hub = hub;
        this.requestTimeout = settings.requestTimeout();
        for (Service s : Service.all(settings)) {
            readers.put(s, new Reader(s));
        }
    }

    public List<State> states() {
        List<State> out = new ArrayList<>();
        readers.values().forEach(r -> out.add(r.state));
        return out;
    }

    public State state(Service service) {
        return readers.get(service).state;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (Reader r : readers.values()) {
            Thread t = new Thread(r, "events-" + r.service.title());
            t.setDaemon(true);
            r.thread = t;
            t.start();
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "events-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(
                () -> readers.values().forEach(Reader::closeIfSilent), 15, 15, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        for (Reader r : readers.values()) {
            r.closeStream();
            if (r.thread != null) {
                r.thread.interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Reader implements Runnable {

        final Service service;
        volatile State state;
        volatile Thread thread;
        private volatile InputStream open;
        private volatile long lastHeard;
        /**
         * The first connection asks for everything the service holds (Last-Event-ID 0) and relays only what happened
         * since this reader started: a service that comes up after the console (or answers only a few seconds later)
         * would otherwise have its first events, recorded before that connection, never reach the pages.
         */
        private long lastSeq = 0;

        private final Instant started = Instant.now();

        Reader(Service service) {
            this.service = service;
            this.state = new State(service, false, "not connected yet", Instant.now());
        }

        @Override
        public void run() {
            Duration retry = FIRST_RETRY;
            while (running) {
                try {
                    if (readOnce()) {
                        retry = FIRST_RETRY;
                    }
                } catch (IOException e) {
                    down(client.reason(e, client.uri(service, "/"), requestTimeout));
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
            }
        }

        /** One connection until it ends; true when it was open (so the next try comes soon). */
        private boolean readOnce() throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(service, "/api/events/stream"))
                    .timeout(requestTimeout)
                    .header("Accept", "text/event-stream")
                    .GET();
            request.header("Last-Event-ID", Long.toString(lastSeq));
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    down("its event stream answered " + response.statusCode());
                    return false;
                }
                open = in;
                lastHeard = System.nanoTime();
                up();
                SseFrames frames = new SseFrames(this::frame);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; running && (line = lines.readLine()) != null; ) {
                    lastHeard = System.nanoTime();
                    frames.line(line);
                }
                down("its event stream ended");
                return true;
            } finally {
                open = null;
            }
        }

        private void frame(SseFrames.Frame frame) {
            Event event;
            try {
                event = Event.parse(service, frame.data());
            } catch (JacksonException e) {
                log.warn("{}: an event that is not JSON, left out: {}", service, e.getOriginalMessage());
                return;
            }
            if (event == null) {
                return;
            }
            lastSeq = event.seq();
            if (event.time() != null && event.time().isBefore(started)) {
                return; // older than this console: every page rendered since already shows it
            }
            hub.publish(event);
        }

        /** Called by the watchdog: a stream that stopped pinging is closed, which ends the blocked read. */
        void closeIfSilent() {
            InputStream in = open;
            if (in != null && System.nanoTime() - lastHeard > SILENCE.toNanos()) {
                log.info("{}: no event or ping for {} s, opening its stream again", service, SILENCE.toSeconds());
                closeStream();
            }
        }

        void closeStream() {
            InputStream in = open;
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // closing is all that is wanted
                }
            }
        }

        private void up() {
            if (!state.connected()) {
                log.info("{}: event stream open", service);
            }
            state = new State(service, true, null, Instant.now());
        }

        private void down(String why) {
            if (state.connected() || !why.equals(state.detail())) {
                log.info("{}: event stream not open: {}", service, why);
                state = new State(service, false, why, Instant.now());
            }
        }
    }
}
