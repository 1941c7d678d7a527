package dev.maillab.systemtest.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the checkout, the services' exec jars and the tests' scratch space are (set by the failsafe configuration). */
public final class Layout {

    private Layout() {}

    public static Path repo() {
        return Path.of(System.getProperty("maillab.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** A service's runnable jar; fails with the command that builds it when it is missing. */
    public static Path jar(String module) {
        Path copied = Path.of(System.getProperty("maillab.services.dir", "target/services"), module + ".jar");
        if (Files.isRegularFile(copied)) {
            return copied.toAbsolutePath();
        }
        Path built = repo().resolve(module).resolve("target").resolve(module + "-exec.jar");
        if (Files.isRegularFile(built)) {
            return built;
        }
        throw new IllegalStateException("no exec jar for " + module + ": run ./mvnw -pl " + module + " package first");
    }

    /** A fresh directory under target/ for one test run. */
    public static Path workDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("maillab.work.dir", "target/system-tests"));
        Files.createDirectories(base);
        return Files.createTempDirectory(base.toAbsolutePath(), name + "-");
    }

    /**
     * The JVM options a module runs with: its {@code <module>/jvm.options} (the file the launcher, bench and images
     * use; {@code #} starts a comment), then {@code JAVA_OPTS} from the environment, which wins per flag.
     */
    public static List<String> javaOpts(String module) {
        List<String> opts = new ArrayList<>();
        Path file = repo().resolve(module).resolve("jvm.options");
        try {
            for (String line : Files.readAllLines(file)) {
                addWords(opts, line.replaceFirst("#.*", ""));
            }
        } catch (IOException missing) {
            // a module without the file runs with the JVM's defaults, as in the launcher
        }
        addWords(opts, System.getenv().getOrDefault("JAVA_OPTS", ""));
        return opts;
    }

    private static void addWords(List<String> into, String text) {
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                into.add(word);
            }
        }
    }

    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
