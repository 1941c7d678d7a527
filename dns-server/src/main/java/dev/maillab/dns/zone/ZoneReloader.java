package dev.maillab.dns.zone;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the watched files' timestamps. Polling rather than a WatchService: it also sees files replaced by
 * editors, bind mounts and copies into containers, and a handful of stat calls every second or two costs nothing.
 */
public final class ZoneReloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZoneReloader.class);

    private final ScheduledExecutorService scheduler;

    public ZoneReloader(ZoneStore store, Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zone-reloader");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        store.reloadIfChanged();
                    } catch (RuntimeException e) {
                        log.error("zone reload check failed", e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
