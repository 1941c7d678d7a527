package dev.maillab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.testsupport.ScriptableSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The one-shot command's exit statuses, each from a real situation on a real socket. */
@Timeout(120)
class SendCommandTest {

    static final ScriptableSmtpServer SMTP = new ScriptableSmtpServer();

    @AfterAll
    static void stop() {
        SMTP.close();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        CommandLine cl = SendCommand.newCommandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static String[] via(int smtpPort, String... args) {
        String[] routing = {
            "--resolver", "127.0.0.1:" + ScriptableSmtpServer.closedPort(), "--fallback-host", "127.0.0.1:" + smtpPort
        };
        String[] all = new String[routing.length + args.length];
        System.arraycopy(routing, 0, all, 0, routing.length);
        System.arraycopy(args, 0, all, routing.length, args.length);
        return all;
    }

    @Test
    void exitsZeroOnceAcceptedWithTheBodyFromStdin() throws Exception {
        int before = SMTP.accepted().size();
        int code = run("標準入力からの本文\n", via(SMTP.port(), "--to", "test@example.local", "--subject", "こんにちは", "-"));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("accepted by 127.0.0.1[127.0.0.1]:" + SMTP.port() + ": Message-ID <");
        MimeMessage got = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(SMTP.accepted().get(before)));
        assertThat(got.getSubject()).isEqualTo("こんにちは");
        assertThat(got.getContent().toString()).isEqualTo("標準入力からの本文\r\n".replace("\r\n", "\n"));
    }

    @Test
    void exitsOneWithTheServersReplyWhenRejected() {
        int code = run("", via(SMTP.port(), "--to", "nobody@example.local", "--subject", "s", "--body", "b"));
        assertThat(code).isEqualTo(SendCommand.REJECTED);
        assertThat(err.toString()).contains("550 5.1.1 <nobody@example.local>");
    }

    @Test
    void exitsTwoForABadCommandLineOrMessageWithoutSending() {
        assertThat(run("", "--to", "test@example.local", "--body", "no subject"))
                .isEqualTo(SendCommand.INVALID);
        assertThat(err.toString()).contains("--subject");
        int before = SMTP.dataCommands();
        assertThat(run(
                        "",
                        via(
                                SMTP.port(),
                                "--to",
                                "test@example.local",
                                "--subject",
                                "a\nBcc: x@example.local",
                                "--body",
                                "b")))
                .isEqualTo(SendCommand.INVALID);
        assertThat(err.toString()).contains("header injection");
        assertThat(SMTP.dataCommands()).isEqualTo(before);
    }

    @Test
    void exitsThreeWhenNoMailServerAnswers() {
        int code = run(
                "",
                via(ScriptableSmtpServer.closedPort(), "--to", "test@example.local", "--subject", "s", "--body", "b"));
        assertThat(code).isEqualTo(SendCommand.UNAVAILABLE);
        assertThat(err.toString()).contains("no mail server accepted the message");
    }
}
