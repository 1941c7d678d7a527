package dev.maillab.app.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.app.testsupport.AppSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailRequestValidatorTest {

    private final MailRequestValidator validator = new MailRequestValidator(
            AppSettings.limits(Map.of(
                    "max-recipients", 3, "max-body-chars", 100, "max-attachments", 1, "max-attachment-bytes", 10)),
            "app@example.local");

    private static MailRequest to(String... to) {
        return new MailRequest(null, List.of(to), null, "s", "b", null);
    }

    private List<String> errors(MailRequest r) {
        try {
            validator.validate(r);
        } catch (InvalidMailException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + r);
    }

    @Test
    void aPlainRequestPassesWithTheDefaultSender() {
        ValidatedMail m = validator.validate(to("Test <test@example.local>"));
        assertThat(m.from().getAddress()).isEqualTo("app@example.local");
        assertThat(m.routeDomain()).isEqualTo("example.local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hi\r\nBcc: victim@example.local", "hi\nBcc: victim@example.local", "hi\rX: y"})
    void crOrLfInTheSubjectIsHeaderInjection(String subject) {
        assertThat(errors(new MailRequest(null, List.of("test@example.local"), null, subject, "b", null)))
                .singleElement()
                .asString()
                .contains("subject")
                .contains("header injection");
    }

    @Test
    void crOrLfInAnAddressOrFileNameIsHeaderInjectionToo() {
        assertThat(errors(to("test@example.local\r\nBcc: victim@example.local")))
                .singleElement()
                .asString()
                .contains("to[0]")
                .contains("header injection");
        assertThat(errors(
                        new MailRequest("a@example.local\nX: y", List.of("test@example.local"), null, "s", "b", null)))
                .singleElement()
                .asString()
                .contains("from");
        assertThat(errors(new MailRequest(
                        null,
                        List.of("test@example.local"),
                        null,
                        "s",
                        "b",
                        List.of(new MailRequest.Attachment("a\r\nX: y", null, new byte[0])))))
                .singleElement()
                .asString()
                .contains("filename");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-an-address",
                "a@",
                "@example.local",
                "a@@b",
                "a b@example.local",
                "a@exa mple",
                "a@-x.local",
                "ü@example.local",
                "a@example.local, b@example.local",
                "group: a@example.local;"
            })
    void invalidAddressesAreRefused(String address) {
        assertThat(errors(to(address))).singleElement().asString().startsWith("to[0]");
    }

    @Test
    void missingRecipientsOrSubjectAreRefusedAllAtOnce() {
        assertThat(errors(new MailRequest(null, List.of(), null, " ", "b", null)))
                .anyMatch(e -> e.startsWith("to:"))
                .anyMatch(e -> e.startsWith("subject:"));
        assertThat(errors(new MailRequest(null, null, null, null, null, null))).hasSize(2);
    }

    @Test
    void submittingRecipientsInTwoDomainsGoToTheSendersDomain() {
        MailRequestValidator submitting =
                new MailRequestValidator(AppSettings.limits(Map.of()), "app@example.local", false);

        ValidatedMail m = submitting.validate(to("bob@example.test", "test@example.local"));

        assertThat(m.routeDomain()).isEqualTo("example.local");
        assertThat(m.to()).hasSize(2);
    }

    @Test
    void recipientsInTwoDomainsAreRefused() {
        assertThat(errors(to("test@example.local", "x@example.org")))
                .singleElement()
                .asString()
                .contains("one domain");
    }

    @Test
    void theNamedLimitsAreEnforced() {
        assertThat(errors(to("a@x.local", "b@x.local", "c@x.local", "d@x.local")))
                .singleElement()
                .asString()
                .contains("more than 3 recipients");
        assertThat(errors(new MailRequest(null, List.of("a@x.local"), null, "s".repeat(901), "b", null)))
                .singleElement()
                .asString()
                .contains("longer than 900");
        assertThat(errors(new MailRequest(null, List.of("a@x.local"), null, "s", "b".repeat(101), null)))
                .singleElement()
                .asString()
                .contains("body");
        assertThat(errors(new MailRequest(
                        null,
                        List.of("a@x.local"),
                        null,
                        "s",
                        "b",
                        List.of(new MailRequest.Attachment("f", null, new byte[12])))))
                .singleElement()
                .asString()
                .contains("bytes");
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        assertThatThrownBy(() -> validator.validate(new MailRequest("bad", List.of("x"), null, null, null, null)))
                .isInstanceOf(InvalidMailException.class)
                .hasMessageContaining("from")
                .hasMessageContaining("to[0]")
                .hasMessageContaining("subject");
    }
}
