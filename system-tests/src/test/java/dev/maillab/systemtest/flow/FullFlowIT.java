package dev.maillab.systemtest.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole mail flow with no Docker, as a user runs it: {@code ./maillab up} (a MAILLAB_HOME of its own, free ports
 * through the launcher's variables), a mail sent through app-server's HTTP API and with {@code ./maillab send},
 * checked with {@code ./maillab check} (pop3-client through POP3 by name: mail.example.local via our own DNS),
 * {@code ./maillab status}, {@code logs} and {@code demo}, and {@code ./maillab down}, which leaves nothing running.
 */
class FullFlowIT {

    private static RunningStack stack;
    private static Launcher launcher;

    @BeforeAll
    static void up() throws Exception {
        stack = RunningStack.start();
        launcher = stack.launcher();
    }

    @AfterAll
    static void down() throws Exception {
        if (stack == null) {
            return;
        }
        Launcher.Run down = stack.down();
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(launcher.processes())
                .as("processes of %s still running", launcher.home)
                .isEmpty();
        assertThat(launcher.portsAllFree())
                .as("every port of %s free again", launcher.addresses())
                .isTrue();
        Launcher.Run status = launcher.run("status");
        assertThat(status.exit()).as(status.output()).isEqualTo(3);
        assertThat(status.output())
                .containsPattern("(?m)^dns-server +stopped$")
                .containsPattern("(?m)^smtp-server +stopped$")
                .containsPattern("(?m)^smtp-server-test +stopped$")
                .containsPattern("(?m)^app-server +stopped$");
    }

    @Test
    void aMailSentThroughTheApiArrivesInTheMaildirAndPassesThePop3Check() throws Exception {
        String subject = "system test " + UUID.randomUUID() + " テストメール";

        HttpResponse<String> sent = stack.postMail("test@example.local", subject, "本文です。\nline two\n");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        Launcher.Run check =
                stack.check("--user", "test", "--password", "password", "--wait", "60s", "--expect-subject", subject);
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("LIST", "RETR", "QUIT");

        // Trap 1: SMTP delivery and POP3 use the same <mail-root>/<user>/Maildir, so POP3 finds what SMTP delivered.
        Path message = findMessage(stack.mailRoot().resolve("test/Maildir"), subject);
        String headers = Files.readString(message, StandardCharsets.UTF_8).split("\r?\n\r?\n", 2)[0];
        // Trap 2: the headers a sender must not omit.
        assertThat(headers)
                .containsPattern("(?m)^From: ")
                .containsPattern("(?m)^To: .*test@example\\.local")
                .containsPattern("(?m)^Subject: ")
                .containsPattern("(?m)^Date: ")
                .containsPattern("(?m)^Message-ID: ");
        // Trap 3: the delivery location is in the log, as Postfix writes it.
        assertThat(stack.smtpLogOnceItHas("to=<test@example\\.local>.*status=sent \\(delivered to maildir\\)"))
                .contains("to=<test@example.local>")
                .contains("status=sent (delivered to maildir)");
    }

    @Test
    void theCheckFailsForMailThatNeverCame() throws Exception {
        Launcher.Run check = stack.check(
                "--user",
                "test",
                "--password",
                "password",
                "--wait",
                "1s",
                "--expect-subject",
                "never sent " + UUID.randomUUID());

        assertThat(check.exit()).as(check.output()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAnErrorNotAFailedCheck() throws Exception {
        Launcher.Run check = stack.check("--user", "alice", "--password", "not-the-password");

        assertThat(check.exit()).as(check.output()).isEqualTo(2);
    }

    @Test
    void mailToAnUnknownUserIsRefusedAndNothingIsDelivered() throws Exception {
        HttpResponse<String> sent = stack.postMail("nobody@example.local", "to nobody", "x");

        assertThat(sent.statusCode()).as(sent.body()).isBetween(400, 599);
        assertThat(stack.mailRoot().resolve("nobody")).doesNotExist();
    }

    @Test
    void statusSaysEachServiceIsRunningAndHealthyOnTheMovedPorts() throws Exception {
        Launcher.Run status = launcher.run("status");

        assertThat(status.exit()).as(status.output()).isZero();
        int dns = launcher.port("dns");
        assertThat(status.output())
                .containsPattern("(?m)^dns-server +running +pid \\d+ +health UP +127\\.0\\.0\\.1 udp:" + dns + " tcp:"
                        + dns + " tcp:" + launcher.port("dns-http") + "$")
                .containsPattern("(?m)^smtp-server +running +pid \\d+ +health UP +127\\.0\\.0\\.1 " + smtpPorts() + "$")
                .containsPattern(
                        "(?m)^smtp-server-test +running +pid \\d+ +health UP +127\\.0\\.0\\.3 " + smtpPorts() + "$")
                .containsPattern("(?m)^app-server +running +pid \\d+ +health UP +127\\.0\\.0\\.1 tcp:"
                        + launcher.port("app") + "$");
    }

    /** The ports each mail server binds on its own address, as status lists them. */
    private static String smtpPorts() {
        return "tcp:" + launcher.port("smtp") + " tcp:" + launcher.port("submission") + " tcp:" + launcher.port("smtps")
                + " tcp:" + launcher.port("pop3") + " tcp:" + launcher.port("pop3s") + " tcp:"
                + launcher.port("smtp-http");
    }

    @Test
    void aMailSentWithTheSendCommandArrivesAndTheSendIsInAppServersLog() throws Exception {
        String subject = "send command " + UUID.randomUUID();

        Launcher.Run send = launcher.run("send", "--to", "test@example.local", "--subject", subject, "--body", "hi");

        assertThat(send.exit()).as(send.output()).isZero();
        Matcher id = Pattern.compile("Message-ID (<[^>]+>)").matcher(send.output());
        assertThat(id.find()).as(send.output()).isTrue();
        Launcher.Run check = stack.check("--wait", "60s", "--expect-subject", subject); // the launcher's user: test
        assertThat(check.exit()).as(check.output()).isZero();
        Launcher.Run log = launcher.run("logs", "app-server");
        assertThat(log.exit()).as(log.output()).isZero();
        assertThat(log.output()).contains("message-id=" + id.group(1)).contains("to=<test@example.local>");
    }

    @Test
    void theDemoSendsAMailToBothDomainsAndBothChecksPass() throws Exception {
        Launcher.Run demo = launcher.run("demo");

        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output())
                .contains("maillab: POST http://127.0.0.1:" + stack.appPort() + "/api/mail")
                .contains("waiting for it in test's mailbox on mail.example.local")
                .contains("waiting for it in bob's mailbox on mail.example.test");
        assertThat(Pattern.compile("== PASS").matcher(demo.output()).results().count())
                .as("one passed check per mailbox:\n%s", demo.output())
                .isEqualTo(2);
        // signed by mail.example.local, checked at mail.example.test (the RETR in the transcript shows the header)
        assertThat(demo.output())
                .contains("Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=example.local; dkim=pass"
                        + " header.d=example.local header.s=lab; dmarc=pass");
        // bob's copy crossed by MX: mail.example.local handed it to mail.example.test on 127.0.0.3
        String relayed = "to=<bob@example\\.test>, relay=mail\\.example\\.test\\[127\\.0\\.0\\.3\\]:"
                + launcher.port("smtp") + ", delay=[0-9.]+, dsn=2\\.0\\.0, status=sent \\(250 ";
        assertThat(stack.smtpLogOnceItHas(relayed)).containsPattern(relayed);
        assertThat(demo.output())
                .containsPattern("maillab: its journey: http://127\\.0\\.0\\.1:" + stack.consolePort()
                        + "/journey\\?messageId=%3C[0-9a-f-]+%40example\\.local%3E");
    }

    /** The message file in new/ or cur/ whose headers carry the subject (raw or RFC 2047 encoded). */
    private static Path findMessage(Path maildir, String subject) throws IOException {
        String marker = subject.substring("system test ".length(), "system test ".length() + 36);
        try (Stream<Path> files = Stream.of("new", "cur")
                .map(maildir::resolve)
                .filter(Files::isDirectory)
                .flatMap(FullFlowIT::list)) {
            List<Path> hits = files.filter(f -> contains(f, marker)).toList();
            assertThat(hits).as("messages in %s carrying %s", maildir, marker).hasSize(1);
            return hits.get(0);
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            String content = Files.readString(file, StandardCharsets.ISO_8859_1);
            // An encoded-word may hide the UUID; the decoded form is checked by pop3-client above.
            return content.contains(text) || decodedSubjects(content).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    /** The header block with folding undone and RFC 2047 encoded-words decoded (what a reader would see). */
    private static String decodedSubjects(String content) {
        String headers = content.split("\r?\n\r?\n", 2)[0].replaceAll("\r?\n[ \t]+", " ");
        Matcher m = ENCODED_WORD.matcher(headers);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset charset = Charset.forName(m.group(1));
            byte[] bytes;
            if (m.group(2).equalsIgnoreCase("B")) {
                bytes = Base64.getMimeDecoder().decode(m.group(3));
            } else {
                ByteArrayOutputStream q = new ByteArrayOutputStream();
                String text = m.group(3);
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '_') {
                        q.write(' ');
                    } else if (c == '=' && i + 2 < text.length()) {
                        q.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        q.write(c);
                    }
                }
                bytes = q.toByteArray();
            }
            out.append(new String(bytes, charset));
        }
        return out.toString();
    }
}
