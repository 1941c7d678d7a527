package dev.maillab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.AppServerApplication;
import dev.maillab.labservers.LabServers;
import dev.maillab.testkit.ProjectRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * app-server as its own process with the heap of app-server/jvm.options (and -XX:+ExitOnOutOfMemoryError, so an
 * OutOfMemoryError would end it): six maximal requests at once, then the request of the finding (a 9 MiB attachment).
 * Each gets 200, 503 or 413; the process is still there and healthy afterwards.
 */
@Timeout(300)
class HeapBoundTest {

    @RegisterExtension
    static final LabServers lab = new LabServers();

    static Process app;
    static int port;
    static Path log;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                AppServerApplication.class.getName(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--maillab.app.resolver=" + lab.resolver(),
                "--maillab.app.smtp-port=" + lab.smtpPort(),
                "--maillab.app.retry.max-attempts=1"));
        log = Files.createTempFile("app-server", ".log");
        app = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!healthy()) {
            assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(System.nanoTime() - deadline).as("healthy within 90 s").isNegative();
            Thread.sleep(300);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.destroy();
        }
    }

    static List<String> jvmOptions() throws IOException {
        String text = Files.readString(ProjectRoot.resolve("app-server/jvm.options"));
        List<String> opts = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.replaceAll("#.*", "").strip();
            if (!l.isEmpty()) {
                opts.addAll(Arrays.asList(l.split("\\s+")));
            }
        }
        assertThat(opts).anyMatch(o -> o.startsWith("-Xmx")).contains("-XX:+ExitOnOutOfMemoryError");
        return opts;
    }

    static boolean healthy() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("\"status\":\"UP\"");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static int post(byte[] body) throws Exception {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail"))
                                    .timeout(Duration.ofSeconds(180))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1; // the connection broke: the process may have died
        }
    }

    @Test
    void concurrentMaximalRequestsCannotExhaustTheHeap() throws Exception {
        byte[] maximal = RequestLimitsTest.withAttachment("extra5", "heap", 7 * 1024 * 1024, "x")
                .getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> codes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                codes.add(pool.submit(() -> post(maximal)));
            }
            int ok = 0;
            for (Future<Integer> f : codes) {
                int code = f.get();
                assertThat(code).as(Files.readString(log)).isIn(200, 503);
                ok += code == 200 ? 1 : 0;
            }
            assertThat(ok).isGreaterThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        byte[] nine = RequestLimitsTest.withAttachment("extra5", "nine", 9 * 1024 * 1024, "x")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(nine)).isEqualTo(413);
        assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(healthy()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }
}
