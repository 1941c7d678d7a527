package dev.maillab.mailserver.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The console appender of smtp-server, which logs a line per SMTP command stage and per POP3 RETR (the mail log):
 * lines gather in a buffer and go to standard output together, at most {@link #FLUSH_DELAY} after the first of them,
 * instead of one write and one flush each. Logback's console appender makes every line a system call, and the event
 * loops and SMTP sessions that log at once queue on its lock for it. WARN and ERROR lines are written through at
 * once (with what came before them), and stopping the appender (the JVM's orderly exit) writes what is left, so
 * only an abrupt end (SIGKILL, a crash) can lose the last few INFO lines.
 *
 * <p>Lines go to {@code System.out} as it is at the time of writing, so a test that captures it sees them.
 */
public class BatchedConsoleAppender extends OutputStreamAppender<ILoggingEvent> {

    /** The longest a line waits in the buffer. */
    public static final Duration FLUSH_DELAY = Duration.ofMillis(50);

    private static final int BUFFER_BYTES = 64 * 1024;

    private final AtomicBoolean flushPending = new AtomicBoolean();
    private ScheduledExecutorService flusher;

    @Override
    public void start() {
        setOutputStream(new BufferedOutputStream(new SystemOut(), BUFFER_BYTES));
        setImmediateFlush(false);
        flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "log-flush");
            t.setDaemon(true);
            return t;
        });
        super.start();
    }

    @Override
    public void stop() {
        super.stop(); // closes the buffer, which writes what is left (System.out itself stays open)
        if (flusher != null) {
            flusher.shutdownNow();
        }
    }

    @Override
    protected void writeOut(ILoggingEvent event) throws IOException {
        super.writeOut(event);
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            flush();
        } else if (flushPending.compareAndSet(false, true)) {
            flusher.schedule(this::scheduledFlush, FLUSH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledFlush() {
        // cleared first: a line written while this flush runs schedules the next one
        flushPending.set(false);
        flush();
    }

    private void flush() {
        OutputStream out = getOutputStream();
        if (out == null) {
            return;
        }
        streamWriteLock.lock();
        try {
            out.flush();
        } catch (IOException e) {
            addError("cannot write the log to standard output", e);
        } finally {
            streamWriteLock.unlock();
        }
    }

    /** Standard output as the JVM has it now (tests replace it to capture what is logged). */
    private static final class SystemOut extends OutputStream {

        @Override
        public void write(int b) {
            System.out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.out.write(b, off, len);
        }

        @Override
        public void flush() {
            System.out.flush();
        }
    }
}
