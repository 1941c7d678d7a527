package dev.maillab.systemtest.flow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The lab started by {@code ./maillab up} with a home of its own and free ports (see {@link Launcher}), seen through
 * what its tests need: the ports, the places the stack writes, the launcher's other commands; {@link #close()} is
 * {@code ./maillab down}.
 */
public final class RunningStack implements AutoCloseable {

    private final Launcher launcher;

    private RunningStack(Launcher launcher) {
        this.launcher = launcher;
    }

    /** {@code ./maillab up}; when it fails, the launcher's output says why (it stopped what it had started). */
    public static RunningStack start() throws IOException, InterruptedException {
        Launcher launcher = Launcher.withFreePorts("stack");
        Launcher.Run up = launcher.run("up");
        if (up.exit() != 0) {
            launcher.run("down");
            throw new IllegalStateException("./maillab up exited with " + up.exit() + ":\n" + up.output());
        }
        return new RunningStack(launcher);
    }

    Launcher launcher() {
        return launcher;
    }

    /** The stack's MAILLAB_HOME: users, zones, logs, tls/. */
    public Path home() {
        return launcher.home;
    }

    public Path mailRoot() {
        return home().resolve("mail");
    }

    public int smtpPort() {
        return launcher.port("smtp");
    }

    public int pop3Port() {
        return launcher.port("pop3");
    }

    public int submissionPort() {
        return launcher.port("submission");
    }

    public int smtpsPort() {
        return launcher.port("smtps");
    }

    public int pop3sPort() {
        return launcher.port("pop3s");
    }

    public int appPort() {
        return launcher.port("app");
    }

    public int consolePort() {
        return launcher.port("console");
    }

    /** {@code POST /api/mail} to app-server: one text mail. */
    public HttpResponse<String> postMail(String to, String subject, String body)
            throws IOException, InterruptedException {
        String json = "{\"to\":[" + quote(to) + "],\"subject\":" + quote(subject) + ",\"body\":" + quote(body) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort() + "/api/mail"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    public String smtpLog() throws IOException {
        return Files.readString(home().resolve("logs/smtp-server.log"), StandardCharsets.UTF_8);
    }

    /**
     * smtp-server's log once it has a line matching {@code pattern}, or as it is after 10 s (the caller's assertion
     * then says what is missing): its INFO lines reach the file in batches, up to 50 ms after they are logged.
     */
    public String smtpLogOnceItHas(String pattern) throws IOException, InterruptedException {
        Pattern wanted = Pattern.compile(pattern);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String log = smtpLog();
        while (!wanted.matcher(log).find() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            log = smtpLog();
        }
        return log;
    }

    /** {@code ./maillab check ARGS...}: pop3-client against this stack, by name through its DNS. */
    Launcher.Run check(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "check";
        System.arraycopy(args, 0, command, 1, args.length);
        return launcher.run(command);
    }

    /** {@code ./maillab down}. */
    Launcher.Run down() throws IOException, InterruptedException {
        return launcher.run("down");
    }

    /** {@code ./maillab down}; fails when it does, or when a process of this stack is left. */
    @Override
    public void close() throws IOException, InterruptedException {
        Launcher.Run down = down();
        if (down.exit() != 0 || !launcher.processes().isEmpty()) {
            throw new IllegalStateException("./maillab down exited with " + down.exit() + ", left "
                    + launcher.processes() + ":\n" + down.output());
        }
    }
}
