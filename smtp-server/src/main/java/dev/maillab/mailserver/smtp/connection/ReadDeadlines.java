package dev.maillab.mailserver.smtp.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread for the deadlines of all SMTP connections: every tick it looks at each open connection and
 * cuts the ones whose deadline has passed ({@link ClientConnection#expire}). A socket's own read timeout
 * only bounds silence; this bounds how long a command line, a DATA or a TLS handshake may take in all, so
 * a client dripping one octet at a time cannot keep its slot.
 */
public final class ReadDeadlines implements AutoCloseable {

    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final long graceNanos;

    public ReadDeadlines(ConnectionSettings settings) {
        long tick = settings.tick().toMillis();
        // a session that does not end on its own this long after its input was cut is closed outright
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1000, 4 * tick));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    void register(ClientConnection connection) {
        open.add(connection);
    }

    void unregister(ClientConnection connection) {
        open.remove(connection);
    }

    /** Connections being watched (each open SMTP connection once). */
    public int watched() {
        return open.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (ClientConnection c : open) {
            try {
                c.check(now, graceNanos);
            } catch (RuntimeException e) {
                open.remove(c); // never let one connection stop the timer for the others
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
