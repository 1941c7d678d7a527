package dev.maillab.systemtest.flow;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service started from its exec jar as its own JVM, as the launcher and the images start it. */
final class ServiceProcess implements AutoCloseable {

    /** Generous on purpose: four JVMs start at once on a 2-core machine. This bounds a hang, it times nothing. */
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String module, Path workDir, List<String> args) throws IOException {
        Path log = workDir.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(command(module, args))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return new ServiceProcess(module, builder.start(), log);
    }

    static List<String> command(String module, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Layout.java().toString());
        command.addAll(Layout.javaOpts(module));
        command.add("-jar");
        command.add(Layout.jar(module).toString());
        command.addAll(args);
        return command;
    }

    /** Polls the actuator until it reports UP; fails early, with the log's tail, if the process exits. */
    void awaitHealthy(int actuatorPort) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + actuatorPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(3))
                .build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " during start-up:\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not healthy within " + START_LIMIT + ":\n" + logTail());
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The result of a one-shot command (pop3-client, app-server send). */
    record Outcome(int exitCode, String output) {}

    /** Runs a one-shot command to its end; the limit only keeps a hung command from hanging the build. */
    static Outcome run(String module, Path workDir, List<String> args, Duration limit)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, module + "-", ".out");
        Process process = new ProcessBuilder(command(module, args))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(module + " " + args + " still running after " + limit + ":\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
