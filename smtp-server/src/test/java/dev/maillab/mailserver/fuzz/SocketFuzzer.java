package dev.maillab.mailserver.fuzz;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Runs mutated sessions against a server on loopback, bounded in count and time ({@code -Dfuzz.sessions},
 * {@code -Dfuzz.seconds}), from a seed that is printed ({@code -Dfuzz.seed} repeats a run), and collects what the
 * server logs meanwhile so a test can assert that no stack trace was written.
 */
public final class SocketFuzzer implements AutoCloseable {

    public final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    public final int sessions = Integer.getInteger("fuzz.sessions", 3000);
    public final long seconds = Long.getLong("fuzz.seconds", 20);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public SocketFuzzer(String name) {
        System.out.println(name + ": fuzz.seed=" + seed + " fuzz.sessions=" + sessions + " fuzz.seconds=" + seconds);
        log.start();
        root.addAppender(log);
    }

    /**
     * Runs the sessions on 4 client threads: each gets its own Random (from the seed and its number) and
     * the script {@code scripts} makes from it; returns how many ran.
     */
    public int run(int port, Function<Random, List<String>> scripts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            clients.execute(() -> {
                for (int n; (n = next.getAndIncrement()) < sessions && System.nanoTime() < deadline; ) {
                    Random random = new Random(seed * 31 + n);
                    SessionMutator mutator = new SessionMutator(random);
                    byte[] wire = mutator.mutate(scripts.apply(random));
                    session(port, wire, mutator);
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        return Math.min(next.get(), sessions);
    }

    private static void session(int port, byte[] wire, SessionMutator mutator) {
        SessionMutator.Ending ending = mutator.ending();
        int end = ending == SessionMutator.Ending.CLOSE_EARLY ? mutator.cut(wire) : wire.length;
        int chunk = mutator.chunk();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(30);
            socket.setTcpNoDelay(true); // small chunks leave as segments of their own
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int at = 0; at < end; at += chunk) {
                out.write(wire, at, Math.min(chunk, end - at));
                out.flush();
            }
            if (ending == SessionMutator.Ending.RESET) {
                socket.setSoLinger(true, 0);
            } else {
                drain(in, new byte[8192], 2); // read the replies for a moment, then leave
            }
        } catch (IOException e) {
            // the server may close a broken session at any point: that is allowed
        }
    }

    private static void drain(InputStream in, byte[] buf, int reads) throws IOException {
        for (int i = 0; i < reads; i++) {
            try {
                if (in.read(buf) < 0) {
                    return;
                }
            } catch (java.net.SocketTimeoutException e) {
                return;
            }
        }
    }

    /** What was logged with a stack trace while the fuzzer ran, one line per event. */
    public List<String> stackTraces() {
        synchronized (log) {
            return log.list.stream()
                    .filter(e -> e.getThrowableProxy() != null)
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage() + " ("
                            + e.getThrowableProxy().getClassName() + ": "
                            + e.getThrowableProxy().getMessage() + ")")
                    .distinct()
                    .limit(10)
                    .toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(log);
    }
}
