package dev.maillab.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.client.Pop3ClientApplication;
import dev.maillab.labservers.LabServers;
import dev.maillab.testkit.SmtpConnection;
import jakarta.mail.internet.MimeUtility;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checker against the lab's real dns-server and smtp-server: the host is mail.example.local, resolved through
 * the real DNS server; every exit status comes from a real situation.
 */
@Timeout(120)
class Pop3ClientCommandLabTest {

    @RegisterExtension
    static final LabServers LAB = new LabServers();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String user, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--host",
                "mail.example.local",
                "--port",
                Integer.toString(LAB.pop3Port()),
                "--resolver",
                LAB.resolver(),
                "--user",
                user,
                "--password",
                "password",
                "--timeout",
                "5s"));
        args.addAll(List.of(more));
        return Pop3ClientApplication.execute(
                args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String properMail(String to, String subject) throws Exception {
        return "From: App <app@example.local>\n"
                + "To: " + to + "\n"
                + "Subject: " + MimeUtility.encodeText(subject, "UTF-8", "B") + "\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0900\n"
                + "Message-ID: <" + System.nanoTime() + "@example.local>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 7bit\n"
                + "\n"
                + "hello\n"
                + ".a line that needs dot-stuffing\n";
    }

    @Test
    void alsoMailboxChecksASecondMailboxAndTheWorstOutcomeIsTheExitStatus() throws Exception {
        String subject = "two mailboxes " + System.nanoTime();
        SmtpConnection.deliver(
                LAB.smtpPort(),
                "app@example.local",
                "extra4@example.local",
                properMail("extra4@example.local", subject));

        // extra5 has no such mail: the second check fails, so the whole run does
        int code = check("extra4", "--also-mailbox", "extra5@mail.example.local", "--expect-subject", subject);
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).contains("USER extra4", "USER extra5");
        assertThat(err.toString()).contains("pop3-client: extra5@mail.example.local: FAIL");

        SmtpConnection.deliver(
                LAB.smtpPort(),
                "app@example.local",
                "extra5@example.local",
                properMail("extra5@example.local", subject));
        out.getBuffer().setLength(0);
        // --delete: both mailboxes are left empty for the other tests
        assertThat(check(
                        "extra4",
                        "--also-mailbox",
                        "extra5@mail.example.local",
                        "--expect-subject",
                        subject,
                        "--delete"))
                .as(out + "\n" + err)
                .isZero();
        assertThat(Pattern.compile("== PASS").matcher(out.toString()).results().count())
                .isEqualTo(2);

        assertThat(check("extra4", "--also-mailbox", "no-at-sign")).isEqualTo(2);
        assertThat(err.toString()).contains("--also-mailbox takes USER@HOST");
    }

    @Test
    void exitZeroWhenTheExpectedMailIsThereWithTheConversationPrintedAndThePasswordMasked() throws Exception {
        String subject = "受信確認：テストメール";
        SmtpConnection.deliver(
                LAB.smtpPort(),
                "app@example.local",
                "extra1@example.local",
                properMail("extra1@example.local", subject));
        int code = check("extra1", "--expect-subject", subject, "--expect-count", "1");
        assertThat(code).as(out + "\n" + err).isZero();
        String transcript = out.toString();
        assertThat(transcript)
                .contains(
                        "# mail.example.local is 127.0.0.1 (A record via " + LAB.resolver() + ")",
                        "Connected to mail.example.local (127.0.0.1) port " + LAB.pop3Port(),
                        "\nCAPA\n",
                        "\nUSER extra1\n",
                        "\nPASS ********\n",
                        "\nSTAT\n",
                        "\nLIST\n",
                        "\nRETR 1\n",
                        "\n..a line that needs dot-stuffing\n",
                        "\nQUIT\n",
                        "Connection closed by foreign host.",
                        "Subject          OK   " + subject,
                        "== PASS: 1 message(s), 1 checked, all passed");
        assertThat(transcript).doesNotContain("PASS password");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void exitOneWhenNoMailIsThere() {
        assertThat(check("extra2")).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("pop3-client: FAIL: expected at least 1 message(s), found 0" + System.lineSeparator());
    }

    @Test
    void exitOneWhenTheSubjectExpectedIsNotThere() throws Exception {
        SmtpConnection.deliver(
                LAB.smtpPort(),
                "app@example.local",
                "extra3@example.local",
                properMail("extra3@example.local", "something else"));
        assertThat(check("extra3", "--expect-subject", "the one we want")).isEqualTo(1);
        assertThat(err.toString()).contains("no message with Subject \"the one we want\"");
    }

    @Test
    void exitOneLoudlyForMailWithoutToAndSubject() throws Exception {
        SmtpConnection.deliver(
                LAB.smtpPort(),
                "app@example.local",
                "alice@example.local",
                "From: app@example.local\nDate: Sat, 28 Nov 2026 12:00:00 +0900\n\nno headers to speak of\n");
        assertThat(check("alice")).isEqualTo(1);
        assertThat(out.toString()).containsPattern("To +FAIL missing").containsPattern("Subject +FAIL missing");
        assertThat(err.toString())
                .contains("FAIL: message 1: ")
                .contains("To missing")
                .contains("Subject missing");
        // RFC 5322's own minimum is From and Date: --lenient only warns
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(check("alice", "--lenient")).isZero();
        assertThat(out.toString()).containsPattern("To +WARN missing");
    }

    @Test
    void exitTwoForAWrongPassword() {
        List<String> args = new ArrayList<>(List.of(
                "--host",
                "mail.example.local",
                "--port",
                Integer.toString(LAB.pop3Port()),
                "--resolver",
                LAB.resolver(),
                "--user",
                "test",
                "--password",
                "wrong"));
        int code = Pop3ClientApplication.execute(
                args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("pop3-client: ERROR: login as test failed: -ERR");
        assertThat(out.toString()).contains("PASS ********").doesNotContain("wrong");
    }

    @Test
    void exitTwoWhenTheServerIsDown() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int code = Pop3ClientApplication.execute(
                new String[] {
                    "--host",
                    "mail.example.local",
                    "--port",
                    Integer.toString(closed),
                    "--resolver",
                    LAB.resolver(),
                    "--user",
                    "test",
                    "--password",
                    "password"
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("pop3-client: ERROR: connection refused by mail.example.local");
    }

    @Test
    void exitTwoWhenTheNameDoesNotResolve() {
        int code = Pop3ClientApplication.execute(
                new String[] {
                    "--host",
                    "nosuchhost.example.local",
                    "--resolver",
                    LAB.resolver(),
                    "--user",
                    "test",
                    "--password",
                    "password"
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot resolve nosuchhost.example.local via " + LAB.resolver());
    }

    @Test
    void waitPollsUntilTheMailArrives() throws Exception {
        CompletableFuture<Integer> checker = CompletableFuture.supplyAsync(
                () -> check("extra4", "--expect-subject", "late", "--wait", "60s", "--poll-interval", "200ms"));
        // the checker must have polled an empty maildrop at least once before the mail is sent
        while (!err.toString().contains("poll 1:")) {
            assertThat(checker).isNotDone();
            Thread.sleep(50);
        }
        SmtpConnection.deliver(
                LAB.smtpPort(),
                "app@example.local",
                "extra4@example.local",
                properMail("extra4@example.local", "late"));
        assertThat(checker.get(60, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
        assertThat(err.toString()).contains("no message with Subject \"late\"");
    }

    @Test
    void jsonAndDeleteLeaveAnEmptyMaildrop() throws Exception {
        SmtpConnection.deliver(
                LAB.smtpPort(),
                "app@example.local",
                "extra5@example.local",
                properMail("extra5@example.local", "to delete"));
        assertThat(check("extra5", "--json", "--delete", "--tls", "--insecure"))
                .as(err.toString())
                .isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(out.toString());
        assertThat(doc.get("result").asString()).isEqualTo("PASS");
        assertThat(doc.get("deleted").asBoolean()).isTrue();
        assertThat(doc.get("messages").get(0).get("subject").asString()).isEqualTo("to delete");
        assertThat(doc.get("transcript").toString()).contains("STLS", "TLS established", "DELE 1");
        out.getBuffer().setLength(0);
        assertThat(check("extra5", "--expect-count", "0")).isZero();
        assertThat(out.toString()).contains("+OK 0 0");
    }
}
