package dev.maillab.mailserver.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batched console appender on a real logback context, writing to {@code System.out} (replaced here to read it):
 * every line arrives whole, in order, once; WARN is there when the call returns, with the INFO before it; INFO comes
 * on its own within the flush delay; stopping writes what is left.
 */
class BatchedConsoleAppenderTest {

    private static final String MARK = "batched-test| ";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;
    private LoggerContext context;
    private BatchedConsoleAppender appender;
    private Logger log;

    @BeforeEach
    void start() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(MARK + "%level %msg%n");
        encoder.start();
        appender = new BatchedConsoleAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        log = context.getLogger("test");
        log.addAppender(appender);
        log.setAdditive(false);
    }

    @AfterEach
    void restore() {
        appender.stop();
        context.stop();
        System.setOut(original);
    }

    /**
     * What this test's appender wrote: other appenders of the JVM (a Spring context of an earlier test, flushing late)
     * write to the same System.out meanwhile.
     */
    private String out() {
        String all;
        synchronized (captured) {
            all = captured.toString(StandardCharsets.UTF_8);
        }
        StringBuilder mine = new StringBuilder();
        for (String line : all.split("\n")) {
            if (line.startsWith(MARK)) {
                mine.append(line.substring(MARK.length())).append('\n');
            }
        }
        return mine.toString();
    }

    @Test
    void warnIsWrittenAtOnceWithWhatCameBeforeAndInfoWithinTheDelay() throws Exception {
        log.info("first");
        log.warn("trouble");
        assertThat(out()).isEqualTo("INFO first\nWARN trouble\n");

        log.info("later");
        await(() -> out().endsWith("INFO later\n"));
        assertThat(out()).isEqualTo("INFO first\nWARN trouble\nINFO later\n");
    }

    @Test
    void stoppingWritesWhatIsLeft() {
        log.info("last words");
        appender.stop();
        assertThat(out()).isEqualTo("INFO last words\n");
    }

    @Test
    void linesFromManyThreadsArriveWholeAndOnce() throws Exception {
        int threads = 8;
        int each = 2000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    log.info("thread {} line {} {}", id, i, "x".repeat(i % 300));
                }
            });
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        appender.stop();

        List<String> lines = Arrays.asList(out().split("\n", -1));
        assertThat(lines.get(lines.size() - 1)).isEmpty(); // the text ends with a newline
        Set<String> seen = new HashSet<>(lines.subList(0, lines.size() - 1));
        assertThat(lines).hasSize(threads * each + 1);
        assertThat(seen).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i += 97) {
                assertThat(seen).contains("INFO thread " + t + " line " + i + " " + "x".repeat(i % 300));
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 10 s").isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
