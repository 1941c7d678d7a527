package dev.maillab.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root directory, where zones/, config/ and each module's files are. */
public final class ProjectRoot {

    private ProjectRoot() {}

    /** Maven runs a module's tests in the module's directory; the root is the one with zones/, itself or its parent. */
    public static Path path() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("zones")) ? here : here.getParent();
    }

    /** {@code other} under the root, e.g. {@code resolve("config/users")}. */
    public static Path resolve(String other) {
        return path().resolve(other);
    }
}
