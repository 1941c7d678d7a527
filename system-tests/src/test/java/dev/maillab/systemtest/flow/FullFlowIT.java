package dev.maillab.systemtest.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The whole mail flow with no Docker: the services as separate JVMs from their exec jars, a mail sent through
 * app-server's HTTP API, checked by pop3-client through POP3 by name (mail.example.local via our own DNS).
 */
class FullFlowIT {

    private static LoopbackStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LoopbackStack.start();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aMailSentThroughTheApiArrivesInTheMaildirAndPassesThePop3Check() throws Exception {
        String subject = "system test " + UUID.randomUUID() + " テストメール";

        HttpResponse<String> sent = postMail("test@example.local", subject, "本文です。\nline two\n");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        ServiceProcess.Outcome check =
                stack.check("--user", "test", "--password", "password", "--wait", "60s", "--expect-subject", subject);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("LIST", "RETR", "QUIT");

        // The seed's trap 1: SMTP delivery and POP3 use the same <mail-root>/<user>/Maildir.
        Path message = findMessage(stack.mailRoot.resolve("test/Maildir"), subject);
        String headers = Files.readString(message, StandardCharsets.UTF_8).split("\r?\n\r?\n", 2)[0];
        // Trap 2: the headers a sender must not omit.
        assertThat(headers)
                .containsPattern("(?m)^From: ")
                .containsPattern("(?m)^To: .*test@example\\.local")
                .containsPattern("(?m)^Subject: ")
                .containsPattern("(?m)^Date: ")
                .containsPattern("(?m)^Message-ID: ");
        // Trap 3: the delivery location is in the log, as Postfix writes it.
        assertThat(stack.smtp.log()).contains("to=<test@example.local>").contains("status=sent (delivered to maildir)");
    }

    @Test
    void theCheckFailsForMailThatNeverCame() throws Exception {
        ServiceProcess.Outcome check = stack.check(
                "--user",
                "test",
                "--password",
                "password",
                "--wait",
                "1s",
                "--expect-subject",
                "never sent " + UUID.randomUUID());

        assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAnErrorNotAFailedCheck() throws Exception {
        ServiceProcess.Outcome check = stack.check("--user", "alice", "--password", "not-the-password");

        assertThat(check.exitCode()).as(check.output()).isEqualTo(2);
    }

    @Test
    void mailToAnUnknownUserIsRefusedAndNothingIsDelivered() throws Exception {
        HttpResponse<String> sent = postMail("nobody@example.local", "to nobody", "x");

        assertThat(sent.statusCode()).as(sent.body()).isBetween(400, 599);
        assertThat(stack.mailRoot.resolve("nobody")).doesNotExist();
    }

    private static HttpResponse<String> postMail(String to, String subject, String body) throws Exception {
        String json = "{\"to\":[" + quote(to) + "],\"subject\":" + quote(subject) + ",\"body\":" + quote(body) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.appPort + "/api/mail"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
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
