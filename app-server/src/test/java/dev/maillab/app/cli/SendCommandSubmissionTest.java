package dev.maillab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.labservers.LabServers;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command as a submitting application: its options over the lab's real dns-server and smtp-server. */
@Timeout(120)
class SendCommandSubmissionTest {

    @RegisterExtension
    static final LabServers LAB = new LabServers();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int submit(String user, String password, String to) throws Exception {
        Path file = Files.writeString(tmp.resolve(user + ".password"), password + "\n");
        CommandLine cl = SendCommand.newCommandLine(new ByteArrayInputStream(new byte[0]));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(
                "--resolver",
                LAB.resolver(),
                "--smtp-port",
                Integer.toString(LAB.smtpPort()),
                "--fallback-host",
                "",
                "--user",
                user,
                "--password-file",
                file.toString(),
                "--submission-port",
                Integer.toString(LAB.submissionPort()),
                "--ca-file",
                LAB.caPem().toString(),
                "--to",
                to,
                "--subject",
                "submitted",
                "--body",
                "hello");
    }

    @Test
    void exitsZeroOnceTheSubmissionServerAcceptedIt() throws Exception {
        int code = submit("extra1", "password", "extra1@example.local");

        assertThat(code).as(err.toString()).isEqualTo(SendCommand.ACCEPTED);
        assertThat(out.toString()).startsWith("accepted by mail.example.local[127.0.0.1]:" + LAB.submissionPort());
        try (var files = Files.list(LAB.maildir("extra1").resolve("new"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void exitsOneNamingTheUserAndTheServers535ForAWrongPassword() throws Exception {
        String wrong = "wrong-password-0815";
        int code = submit("extra2", wrong, "extra2@example.local");

        assertThat(code).isEqualTo(SendCommand.REJECTED);
        assertThat(err.toString())
                .isEqualTo("send: authentication as extra2 refused by mail.example.local[127.0.0.1]:"
                        + LAB.submissionPort() + ": 535 5.7.8 Error: authentication failed"
                        + System.lineSeparator());
        assertThat(out.toString() + err).doesNotContain(wrong);
        assertThat(LAB.maildir("extra2").resolve("new"))
                .satisfiesAnyOf(
                        dir -> assertThat(dir).doesNotExist(),
                        dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void exitsTwoWithoutSendingWhenThePasswordFileCannotBeRead() {
        CommandLine cl = SendCommand.newCommandLine(new ByteArrayInputStream(new byte[0]));
        cl.setErr(new PrintWriter(err, true));
        Path missing = tmp.resolve("missing");

        int code = cl.execute(
                "--resolver", LAB.resolver(),
                "--user", "extra3",
                "--password-file", missing.toString(),
                "--to", "extra3@example.local",
                "--subject", "s",
                "--body", "b");

        assertThat(code).isEqualTo(SendCommand.INVALID);
        assertThat(err.toString()).startsWith("send: maillab.app.submission.password-file: cannot read " + missing);
    }
}
