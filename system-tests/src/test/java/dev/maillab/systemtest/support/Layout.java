package dev.maillab.systemtest.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout and the tests' scratch space are (set by the surefire and failsafe configuration). */
public final class Layout {

    private Layout() {}

    public static Path repo() {
        return Path.of(System.getProperty("maillab.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** A fresh directory under target/ for one test run. */
    public static Path workDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("maillab.work.dir", "target/system-tests"));
        Files.createDirectories(base);
        return Files.createTempDirectory(base.toAbsolutePath(), name + "-");
    }

    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
