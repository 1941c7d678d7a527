package dev.maillab.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs as its own JVM, several clients deliver in a loop, and the JVM is killed with
 * SIGKILL in the middle. Afterwards every file in new/ must be complete (its size is its S=, its body
 * is the one sent) and every message that was answered 250 must be there.
 */
class CrashConsistencyTest {

    static final Pattern SIZE = Pattern.compile(",S=(\\d+)");
    static final int CLIENTS = 4;
    static final int KILL_AFTER_ACKS = 24;

    @TempDir
    Path dir;

    /** The body sent for a message id, reproducible when checking what was stored. */
    static String body(String id) {
        StringBuilder b = new StringBuilder();
        int lines = 20 + Math.floorMod(id.hashCode(), 800);
        for (int i = 0; i < lines; i++) {
            b.append("line ").append(i).append(" of message ").append(id).append(" .......................\r\n");
        }
        return b.toString();
    }

    @Test
    void killDashNineMidDeliveryLeavesOnlyCompleteMessagesAndLosesNoAcknowledgedOne() throws Exception {
        Files.copy(Path.of("../config/users"), dir.resolve("users"));
        Path mailRoot = dir.resolve("mail");
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmtpServerApplication.class.getName(),
                        "--maillab.smtp.port=0",
                        "--maillab.pop3.port=0",
                        "--maillab.smtp.submission-port=-1",
                        "--maillab.smtp.smtps-port=-1",
                        "--maillab.pop3.pop3s-port=-1",
                        "--server.port=0",
                        "--maillab.users.file=" + dir.resolve("users"),
                        "--maillab.users.mail-root=" + mailRoot,
                        "--maillab.tls.directory=" + Path.of("target/test-tls").toAbsolutePath())
                .redirectErrorStream(true)
                .start();
        try {
            int port = ServerProcessOutput.awaitSmtpPort(server);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKS);
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(
                        CompletableFuture.runAsync(() -> deliverUntilDead(port, client, acknowledged, stop, enough)));
            }
            assertThat(enough.await(180, TimeUnit.SECONDS))
                    .as("deliveries before the kill")
                    .isTrue();
            server.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            server.waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            Path newDir = mailRoot.resolve("test").resolve("Maildir").resolve("new");
            List<Path> stored;
            try (Stream<Path> files = Files.list(newDir)) {
                stored = files.toList();
            }
            Set<String> found = ConcurrentHashMap.newKeySet();
            for (Path file : stored) {
                byte[] bytes = Files.readAllBytes(file);
                Matcher size = SIZE.matcher(file.getFileName().toString());
                assertThat(size.find()).as("S= in %s", file).isTrue();
                assertThat((long) bytes.length).as("size of %s", file).isEqualTo(Long.parseLong(size.group(1)));
                String text = new String(bytes, StandardCharsets.UTF_8);
                Matcher subject =
                        Pattern.compile("\r\nSubject: crash (\\S+)\r\n").matcher(text);
                assertThat(subject.find()).as("subject in %s", file).isTrue();
                String id = subject.group(1);
                assertThat(text).as("body of %s", file).endsWith("\r\n\r\n" + body(id));
                found.add(id);
            }
            assertThat(found).as("every 250 is on disk").containsAll(acknowledged);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);
        } finally {
            server.destroyForcibly();
        }
    }

    private static void deliverUntilDead(
            int port, int client, Set<String> acknowledged, AtomicBoolean stop, CountDownLatch enough) {
        int seq = 0;
        while (!stop.get()) {
            try (SmtpConnection c = new SmtpConnection("127.0.0.1", port)) {
                c.greeting();
                c.command("EHLO crash-client");
                while (!stop.get()) {
                    String id = client + "-" + seq++;
                    SmtpConnection.Reply reply = c.sendMail(
                            "load@example.local",
                            List.of("test@example.local"),
                            "Subject: crash " + id + "\r\n\r\n" + body(id));
                    if (reply == null) {
                        break;
                    }
                    if (reply.code() == 250) {
                        acknowledged.add(id);
                        enough.countDown();
                    }
                }
            } catch (IOException e) {
                // the server is gone (or going): try again until told to stop
                if (!stop.get()) {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
