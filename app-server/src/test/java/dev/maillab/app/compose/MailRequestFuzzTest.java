package dev.maillab.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.maillab.app.testsupport.AppSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
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
    private static MailRequestValidator validator;
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

    /**
     * Bound before the first input: Jazzer's agent, installed when the fuzz test starts, rewrites the classes loaded
     * after it without the parameter names Spring binds the settings records by.
     */
    @BeforeAll
    static void bindLimits() {
        validator = new MailRequestValidator(
                AppSettings.limits(Map.of(
                        "max-recipients", 20,
                        "max-body-chars", 100_000,
                        "max-attachments", 3,
                        "max-attachment-bytes", 100_000,
                        "max-message-bytes", 1_000_000)),
                "app@example.local");
    }

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
            mail = validator.validate(request);
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
