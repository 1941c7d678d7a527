package dev.maillab.dns.fault;

import dev.maillab.dns.namedconf.ConfigFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link FaultRules}' file rules what the rules file says, polling it like the zone files (mtime, size and
 * inode, so editors' replace-by-rename and copies into containers are seen). A broken file at start stops the
 * server with {@code file:line: problem}; at a reload it is logged so, the last good rules stay, and
 * {@link #lastError()} says why. A file that does not exist (yet, or any more) means no file rules.
 */
public final class FaultFileWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultFileWatcher.class);

    private record Stamp(Instant modified, long size, Object key) {
        static final Stamp MISSING = new Stamp(Instant.EPOCH, -1, null);
    }

    private final Path file;
    private final FaultRules rules;
    private final ScheduledExecutorService scheduler;
    private Stamp stamp = Stamp.MISSING;
    private volatile String lastError;

    /** Reads the file once (throwing if it is broken), then checks it every {@code interval}. */
    public FaultFileWatcher(Path file, FaultRules rules, Duration interval) {
        this.file = file.toAbsolutePath().normalize();
        this.rules = rules;
        Stamp now = stampOf(this.file);
        if (now != Stamp.MISSING) {
            install(now);
        } else {
            log.info("fault rules file {} does not exist yet; no file rules until it does", this.file);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fault-rules-reloader");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        reloadIfChanged();
                    } catch (RuntimeException e) {
                        log.error("fault rules reload check failed", e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    public Path file() {
        return file;
    }

    /** Why the last reload failed ({@code file:line: problem}), or null when it worked. */
    public String lastError() {
        return lastError;
    }

    /** Reads the file again if it changed since the last look; true when the rules were replaced. */
    public synchronized boolean reloadIfChanged() {
        Stamp now = stampOf(file);
        if (now.equals(stamp)) {
            return false;
        }
        if (now == Stamp.MISSING) {
            stamp = now;
            lastError = null;
            int had = rules.fileRules().size();
            rules.replaceFileRules(List.of());
            log.info("fault rules file {} is gone; its {} rules are cleared", file, had);
            return true;
        }
        try {
            install(now);
            lastError = null;
            return true;
        } catch (ConfigFileException e) {
            stamp = now; // a fix changes the stamp again and is read then
            lastError = e.getMessage();
            log.error(
                    "{} (the last good fault rules stay: {})",
                    e.getMessage(),
                    rules.fileRules().size());
            return false;
        }
    }

    private void install(Stamp now) {
        List<FaultRule> read = FaultFile.read(file, rules.maxRules(), rules.maxDelay());
        rules.replaceFileRules(read);
        stamp = now;
        log.info("fault rules file {}: {} rules", file, read.size());
    }

    private static Stamp stampOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().toInstant(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        } catch (IOException e) {
            return new Stamp(Instant.EPOCH, -2, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
