package dev.maillab.app.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.app.config.AppProperties;
import dev.maillab.app.testsupport.AppSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the password comes from, and that it shows in no text made of the settings. */
class SubmissionLoginTest {

    @TempDir
    Path tmp;

    private static AppProperties.Submission settings(Map<String, ?> submission) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        submission.forEach((k, v) -> all.put("submission." + k, v));
        return AppSettings.of(all).submission();
    }

    @Test
    void thePasswordFileGivesItsFirstLineWithoutTheLineEnd() throws Exception {
        Path file = Files.writeString(tmp.resolve("secret"), "pa ss:word\r\nsecond line\n");

        SubmissionLogin login = SubmissionLogin.of(settings(Map.of("username", "test", "password-file", file)));

        assertThat(login.username()).isEqualTo("test");
        assertThat(login.password()).isEqualTo("pa ss:word");
    }

    @Test
    void oneOfPasswordAndPasswordFileMustBeSet() throws Exception {
        Path file = Files.writeString(tmp.resolve("secret"), "password\n");

        assertThatThrownBy(() -> SubmissionLogin.of(settings(Map.of("username", "test"))))
                .hasMessage("maillab.app.submission: set one of password and password-file for user test");
        assertThatThrownBy(() -> SubmissionLogin.of(
                        settings(Map.of("username", "test", "password", "password", "password-file", file))))
                .hasMessage("maillab.app.submission: set one of password and password-file for user test, not both");
    }

    @Test
    void anEmptyOrMissingPasswordFileIsAnErrorNamingIt() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty"), "\n");
        Path missing = tmp.resolve("missing");

        assertThatThrownBy(() -> SubmissionLogin.of(settings(Map.of("username", "test", "password-file", empty))))
                .hasMessage("maillab.app.submission.password-file: " + empty + " holds no password");
        assertThatThrownBy(() -> SubmissionLogin.of(settings(Map.of("username", "test", "password-file", missing))))
                .hasMessageStartingWith("maillab.app.submission.password-file: cannot read " + missing);
    }

    @Test
    void thePasswordIsInNoTextOfTheSettingsOrTheLogin() {
        AppProperties props = AppSettings.of(Map.of("submission.username", "test", "submission.password", "s3cret!"));

        assertThat(props.toString()).contains("username=test").doesNotContain("s3cret!");
        assertThat(SubmissionLogin.of(props.submission()).toString()).doesNotContain("s3cret!");
    }

    @Test
    void noUsernameIsNoSubmissionAndThePortIsSmtpPort() {
        assertThat(AppSettings.of(Map.of("smtp-port", 2525)).mailPort()).isEqualTo(2525);
        assertThat(AppSettings.of(Map.of("submission.username", "", "smtp-port", 2525))
                        .mailPort())
                .isEqualTo(2525);
        assertThat(AppSettings.of(Map.of("submission.username", "test", "submission.port", 2587, "smtp-port", 2525))
                        .mailPort())
                .isEqualTo(2587);
    }

    @Test
    void aCaFileWithoutACertificateIsAnErrorNamingIt() throws Exception {
        Path notPem = Files.writeString(tmp.resolve("ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> TrustedCa.context(notPem))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("maillab.app.submission.ca-file: ")
                .hasMessageContaining(notPem.toString());
    }
}
