package dev.maillab.systemtest.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the checkout, the services' exec jars and the tests' scratch space are (set by the failsafe configuration). */
public final class Layout {

    private Layout() {
    }

    public static Path repo() {
        return Path.of(System.getProperty("maillab.repo.dir", "..")).toAbsolutePath().normalize();
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

    /** The JVM options every service runs with, read from config/java-opts.sh (one source for all launchers). */
    public static List<String> javaOpts() {
        List<String> opts = new ArrayList<>();
        try {
            String script = Files.readString(repo().resolve("config/java-opts.sh"));
            Matcher m = Pattern.compile("JAVA_OPTS:=([^}\"]*)").matcher(script);
            if (m.find()) {
                for (String opt : m.group(1).trim().split("\\s+")) {
                    opts.add(opt);
                }
            }
        } catch (IOException e) {
            // defaults below
        }
        if (opts.isEmpty()) {
            opts.addAll(List.of("-XX:+UseSerialGC", "-Xmx128m"));
        }
        return opts;
    }

    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
