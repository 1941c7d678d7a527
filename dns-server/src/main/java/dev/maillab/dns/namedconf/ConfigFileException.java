package dev.maillab.dns.namedconf;

import java.nio.file.Path;

/**
 * A configuration or zone file that cannot be used. The message is always {@code file:line: what is wrong},
 * the form BIND and compilers use, so an editor can jump to it.
 */
public class ConfigFileException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String problem;

    public ConfigFileException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    public ConfigFileException(Path file, int line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
