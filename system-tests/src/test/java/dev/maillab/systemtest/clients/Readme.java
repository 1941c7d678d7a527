package dev.maillab.systemtest.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The client lines of README.md ("Sending and reading mail with everyday tools"): a test takes a line only if the
 * README has it verbatim, then points its one-machine ports (SMTP 2525, submission 2587, SMTPS 2465, POP3 1110,
 * POP3S 1995) at the stack under test.
 */
final class Readme {

    private final String text;
    /** A documented port to the stack's. */
    private final Map<Integer, Integer> ports;

    private Readme(String text, Map<Integer, Integer> ports) {
        this.text = text;
        this.ports = ports;
    }

    /** @param ports each one-machine port the README names, to the port of the stack under test */
    static Readme of(Map<Integer, Integer> ports) throws IOException {
        Path readme = Layout.repo().resolve("README.md");
        return new Readme(Files.readString(readme), Map.copyOf(ports));
    }

    /** The documented line or block, with this stack's ports. */
    String line(String documented) {
        assertThat(text).as("README.md documents this client configuration").contains(documented);
        // one pass, so a stack's port is never taken for a documented one
        String any = ports.keySet().stream().map(String::valueOf).collect(Collectors.joining("|"));
        return Pattern.compile("\\b(" + any + ")\\b")
                .matcher(documented)
                .replaceAll(m -> String.valueOf(ports.get(Integer.valueOf(m.group(1)))));
    }
}
