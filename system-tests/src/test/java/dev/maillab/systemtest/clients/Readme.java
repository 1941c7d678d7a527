package dev.maillab.systemtest.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client lines of README.md ("Sending and reading mail with everyday tools"): a test takes a line only if the
 * README has it verbatim, then points its one-machine ports (SMTP 2525, POP3 1110) at the stack under test.
 */
final class Readme {

    private final String text;
    private final int smtpPort;
    private final int pop3Port;

    private Readme(String text, int smtpPort, int pop3Port) {
        this.text = text;
        this.smtpPort = smtpPort;
        this.pop3Port = pop3Port;
    }

    static Readme of(int smtpPort, int pop3Port) throws IOException {
        Path readme = Layout.repo().resolve("README.md");
        return new Readme(Files.readString(readme), smtpPort, pop3Port);
    }

    /** The documented line or block, with this stack's ports. */
    String line(String documented) {
        assertThat(text).as("README.md documents this client configuration").contains(documented);
        return documented
                .replaceAll("\\b2525\\b", String.valueOf(smtpPort))
                .replaceAll("\\b1110\\b", String.valueOf(pop3Port));
    }
}
