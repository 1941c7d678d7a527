package dev.maillab.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The repository's zones copied into a test's temporary folder, so tests can edit and break them freely. */
public final class TestZones {

    /** The repository's zones/ folder (tests run with the module folder as working directory). */
    public static final Path REPO_ZONES = Path.of("../zones").toAbsolutePath().normalize();

    private final Path dir;

    private TestZones(Path dir) {
        this.dir = dir;
    }

    public static TestZones copyInto(Path dir) {
        try {
            // named.conf and every zone file it names (db.*)
            try (var files = Files.list(REPO_ZONES)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestZones(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path namedConf() {
        return dir.resolve("named.conf");
    }

    public Path forwardZone() {
        return dir.resolve("db.example.local");
    }

    public TestZones appendToForwardZone(String lines) {
        return append(forwardZone(), lines);
    }

    public TestZones appendToNamedConf(String text) {
        return append(namedConf(), text);
    }

    /** Replaces {@code from} by {@code to} in a file of the copy; fails when {@code from} is not there. */
    public TestZones replace(String file, String from, String to) {
        Path path = dir.resolve(file);
        try {
            String text = Files.readString(path);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain '" + from + "'");
            }
            Files.writeString(path, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The number of the first line of the forward zone that starts with {@code prefix} (from 1). */
    public int forwardZoneLine(String prefix) {
        try {
            List<String> lines = Files.readAllLines(forwardZone());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no line of db.example.local starts with '" + prefix + "'");
    }

    private TestZones append(Path file, String text) {
        try {
            Files.writeString(file, "\n" + text + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
