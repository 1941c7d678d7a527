package dev.maillab.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.maillab.app.AppProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A POST /api/mail body of any octets, the way the controller takes it: Jackson reads a MailRequest or fails with
 * its own exception (Spring's 400); the validator gives a ValidatedMail or an InvalidMailException (422); a
 * validated mail composes into a message whose header section has only the headers the composer writes (no
 * header injection), with the request's subject and recipients; nothing else is thrown.
 */
class MailRequestFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MailRequestValidator VALIDATOR = new MailRequestValidator(
            new AppProperties.Limits(
                    20, 900, 100_000, 3, 100_000, 1_000_000, 10_485_760, 25_165_824, Duration.ofSeconds(30), 1000, 32),
            "app@example.local");
    private static final MessageComposer COMPOSER = new MessageComposer(1_000_000);
    private static final Set<String> HEADERS = Set.of(
            "date",
            "from",
            "to",
            "cc",
            "message-id",
            "subject",
            "mime-version",
            "content-type",
            "content-transfer-encoding");

    @FuzzTest
    void readsValidatesAndComposesOrRefuses(byte[] body) throws MessagingException, IOException {
        MailRequest request;
        try {
            request = JSON.readValue(body, MailRequest.class);
        } catch (JacksonException e) {
            return;
        }
        if (request == null) {
            return; // the JSON null: Spring refuses a missing body before the controller
        }
        ValidatedMail mail;
        try {
            mail = VALIDATOR.validate(request);
        } catch (InvalidMailException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        OutgoingMessage message;
        try {
            message = COMPOSER.compose(mail);
        } catch (InvalidMailException e) {
            return;
        }
        // an unstructured header's white space at its ends is not kept by any parser and folding may merge a run of
        // it (RFC 5322 2.2.3): the subject arrives as sent up to that
        assertThat(blanksFolded(message.getSubject())).isEqualTo(blanksFolded(request.subject()));
        assertThat(message.getAllRecipients())
                .hasSize(request.to().size() + request.cc().size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        String header = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
        for (String line : header.split("\r\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue; // a folded continuation
            }
            assertThat(line).contains(":");
            assertThat(line.substring(0, line.indexOf(':')).toLowerCase(java.util.Locale.ROOT))
                    .isIn(HEADERS);
        }
        for (InternetAddress to : mail.to()) {
            assertThat(to.getAddress()).doesNotContain("\r", "\n");
        }
    }

    private static String blanksFolded(String text) {
        return text.replaceAll("[ \\t]+", " ").strip();
    }
}
