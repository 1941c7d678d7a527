package dev.maillab.systemtest.compose;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local Compose client on the project's docker-compose.yml: `docker compose` (v2) where it exists, else
 * Debian's `docker-compose` (v1.29). Testcontainers' ComposeContainer is not used: it expects v2's container
 * naming and output, and its containerised fallback needs an image pull, which this machine cannot do.
 */
final class ComposeCli {

    private static List<String> command;

    private final String project;
    private final Map<String, String> env;
    private final Path logDir;

    ComposeCli(String project, Map<String, String> env, Path logDir) {
        this.project = project;
        this.env = env;
        this.logDir = logDir;
    }

    /** The compose command line prefix, or empty when no compose client answers. */
    static synchronized List<String> command() {
        if (command == null) {
            command = works(List.of("docker", "compose", "version"))
                    ? List.of("docker", "compose")
                    : works(List.of("docker-compose", "version")) ? List.of("docker-compose") : List.of();
        }
        return command;
    }

    private static boolean works(List<String> probe) {
        try {
            Process p = new ProcessBuilder(probe)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    record Outcome(int exitCode, String output) {}

    /** Runs `compose -p <project> -f docker-compose.yml ARGS`; the limit only keeps a hang from hanging the build. */
    Outcome run(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command());
        cmd.addAll(List.of(
                "-p", project, "-f", Layout.repo().resolve("docker-compose.yml").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(logDir, "compose-" + args[0] + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .directory(Layout.repo().toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", cmd) + " still running after " + limit + ":\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    String project() {
        return project;
    }
}
