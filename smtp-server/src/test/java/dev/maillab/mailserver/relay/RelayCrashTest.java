package dev.maillab.mailserver.relay;

import static dev.maillab.mailserver.relay.DomainHost.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.ServerProcessOutput;
import dev.maillab.mailserver.SmtpServerApplication;
import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * example.local's server in a JVM of its own, its queue filling while example.test's server is down (every message
 * deferred and its envelope rewritten every 100 to 200 ms), clients still sending, and then SIGKILL. Started again
 * in this JVM beside example.test's, it delivers every message that was answered 250, each complete.
 */
class RelayCrashTest {

    static final int CLIENTS = 3;
    static final int KILL_AFTER_ACKS = 30;

    @TempDir
    Path dir;

    static String body(String id) {
        return ("line of message " + id + " ......................................\r\n").repeat(30)
                + ".a line that starts with a dot\r\n";
    }

    @Test
    void killDashNineWithAFullQueueLosesNoAcknowledgedMessage() throws Exception {
        try (LabDns dns = new LabDns(dir.resolve("zones"))) {
            int port = DomainHost.freePort();
            DomainHost local = DomainHost.exampleLocal(
                    dir.resolve("local"),
                    dns,
                    port,
                    "--maillab.relay.retry-initial=100ms",
                    "--maillab.relay.retry-max=200ms");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SmtpServerApplication.class.getName(),
                    "--spring.main.web-application-type=none"));
            command.addAll(local.arguments());
            Process server =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            try {
                ServerProcessOutput.awaitSmtpPort(server);
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKS);
                List<CompletableFuture<Void>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(
                            CompletableFuture.runAsync(() -> sendUntilDead(port, client, acknowledged, stop, enough)));
                }
                assertThat(enough.await(120, TimeUnit.SECONDS))
                        .as("messages queued before the kill")
                        .isTrue();
                server.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
                server.waitFor(30, TimeUnit.SECONDS);
                stop.set(true);
                CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);
            } finally {
                server.destroyForcibly();
            }

            try (DomainHost test = DomainHost.exampleTest(dir.resolve("test"), dns, port)
                            .start();
                    DomainHost restarted = local.start()) {
                Set<String> arrived = new HashSet<>();
                Pattern subject = Pattern.compile("\r\nSubject: crash (\\S+)\r\n");
                await("every acknowledged message at example.test", 120, () -> {
                    arrived.clear();
                    for (String m : test.messages("bob")) {
                        Matcher id = subject.matcher(m);
                        assertThat(id.find()).as("a subject in " + m).isTrue();
                        assertThat(m).as("the whole of " + id.group(1)).endsWith("\r\n\r\n" + body(id.group(1)));
                        arrived.add(id.group(1));
                    }
                    return arrived.containsAll(acknowledged);
                });
                assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);
                await("the queue empty", 60, () -> restarted.queue().size() == 0);
            }
        }
    }

    private static void sendUntilDead(
            int port, int client, Set<String> acknowledged, AtomicBoolean stop, CountDownLatch enough) {
        int seq = 0;
        while (!stop.get()) {
            try (SmtpConnection c = new SmtpConnection("127.0.0.1", port)) {
                c.greeting();
                c.command("EHLO crash-client");
                while (!stop.get()) {
                    String id = client + "-" + seq++;
                    SmtpConnection.Reply reply = c.sendMail(
                            "alice@example.local",
                            List.of("bob@example.test"),
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
                Thread.onSpinWait();
            }
        }
    }
}
