package dev.maillab.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.testsupport.AppSettings;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessageComposerTest {

    private final MailRequestValidator validator = new MailRequestValidator(
            AppSettings.limits(Map.of("max-attachment-bytes", 10_485_760)), "app@example.local");
    private final MessageComposer composer = new MessageComposer(10_240_000);

    private byte[] compose(MailRequest request) throws Exception {
        OutgoingMessage m = composer.compose(validator.validate(request));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static String headerSection(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\r\n\r\n") + 2);
    }

    @Test
    void everyRequiredHeaderIsWrittenAndTheMessageIdIsInTheSendersDomain() throws Exception {
        byte[] raw = compose(new MailRequest(
                "App <app@example.local>",
                List.of("test@example.local"),
                List.of("alice@example.local"),
                "hello",
                "body\n",
                null));
        String headers = "\r\n" + headerSection(raw);
        assertThat(headers)
                .contains(
                        "\r\nFrom: App <app@example.local>\r\n",
                        "\r\nTo: test@example.local\r\n",
                        "\r\nCc: alice@example.local\r\n",
                        "\r\nSubject: hello\r\n",
                        "\r\nMIME-Version: 1.0\r\n",
                        "\r\nMessage-ID: ")
                .containsPattern("(?m)^Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} ")
                .containsPattern("(?m)^Message-ID: <[0-9a-f-]{36}@example\\.local>$")
                .containsPattern("(?m)^Content-Type: text/plain; charset=UTF-8$")
                .containsPattern("(?m)^Content-Transfer-Encoding: 7bit$");
        MimeMessage parsed = parse(raw);
        assertThat(parsed.getSentDate()).isNotNull();
    }

    @Test
    void japaneseSubjectAndDisplayNameBecomeEncodedWordsAndDecodeToTheSameText() throws Exception {
        String subject = "テストメール：日本語の件名（送受信確認）";
        byte[] raw = compose(new MailRequest(
                "山田 太郎 <app@example.local>", List.of("テスト <test@example.local>"), null, subject, "本文です。\n", null));
        String headers = headerSection(raw);
        assertThat(headers.chars()).allMatch(c -> c < 128);
        assertThat(headers).contains("Subject: =?UTF-8?").contains("From: =?UTF-8?");
        MimeMessage parsed = parse(raw);
        assertThat(parsed.getSubject()).isEqualTo(subject);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("山田 太郎");
        assertThat(parsed.getContent())
                .isEqualTo("本文です。\r\n".replace("\r\n", "\n"))
                .satisfies(c -> assertThat(parsed.getHeader("Content-Transfer-Encoding")[0])
                        .isIn("base64", "quoted-printable"));
    }

    @Test
    void noLineExceeds998OctetsEvenForALongUnbrokenBodyLine() throws Exception {
        String longLine = "x".repeat(5000);
        byte[] raw = compose(new MailRequest(
                null, List.of("test@example.local"), null, "a subject " + "y".repeat(880), longLine + "\n", null));
        for (String line : new String(raw, StandardCharsets.ISO_8859_1).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
        assertThat(parse(raw).getContent().toString().strip()).isEqualTo(longLine);
    }

    @Test
    void attachmentsKeepTheirBytesAndNonAsciiFileNames() throws Exception {
        byte[] content = {0, 1, 2, (byte) 0xff, 'a'};
        byte[] raw = compose(new MailRequest(
                null,
                List.of("test@example.local"),
                null,
                "files",
                "see attached",
                List.of(new MailRequest.Attachment("報告書.bin", "application/octet-stream", content))));
        MimeMessage parsed = parse(raw);
        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        Multipart mp = (Multipart) parsed.getContent();
        Part text = mp.getBodyPart(0);
        assertThat(text.getContentType()).contains("charset=UTF-8");
        Part file = mp.getBodyPart(1);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(file.getFileName()))
                .isEqualTo("報告書.bin");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(content);
    }
}
