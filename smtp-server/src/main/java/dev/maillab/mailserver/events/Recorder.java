package dev.maillab.mailserver.events;

import dev.maillab.events.EventJournal;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal as the protocol hooks use it: recording never throws into the session that reports (a failure is
 * counted and logged now and then), and asks nothing of a disabled journal.
 */
final class Recorder {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    private final EventJournal journal;
    private final AtomicLong failures = new AtomicLong();

    Recorder(EventJournal journal) {
        this.journal = journal;
    }

    boolean enabled() {
        return journal.enabled();
    }

    void record(String kind, Object fields) {
        try {
            journal.record(kind, fields);
        } catch (RuntimeException e) {
            long n = failures.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                log.warn("event {} not recorded ({} so far): {}", kind, n, e.toString());
            }
        }
    }

    /** Events not recorded because recording failed. */
    long failures() {
        return failures.get();
    }

    /** An ISO instant with milliseconds, as every event's own time. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** {@code 127.0.0.1:41234}, {@code [::1]:41234}. */
    static String address(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host =
                a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
