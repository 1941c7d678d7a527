package dev.maillab.app.submission;

import dev.maillab.app.config.AppProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who app-server logs in as on the submission port: the username and the password, the latter from the setting or
 * from its file. Read once, when the sender is built, so a missing file stops the start instead of the first mail.
 */
public final class SubmissionLogin {

    private final String username;
    private final String password;

    private SubmissionLogin(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** @throws IllegalStateException when neither or both of password and password-file are set, or the file is unreadable or empty */
    public static SubmissionLogin of(AppProperties.Submission settings) {
        boolean inline = settings.password() != null && !settings.password().isEmpty();
        Path file = settings.passwordFile();
        if (inline == (file != null)) {
            throw new IllegalStateException("maillab.app.submission: set one of password and password-file for user "
                    + settings.username() + (inline ? ", not both" : ""));
        }
        return new SubmissionLogin(settings.username(), inline ? settings.password() : readFirstLine(file));
    }

    /** The first line, without its line end: what {@code echo secret > file} and a Docker secret hold. */
    private static String readFirstLine(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "maillab.app.submission.password-file: cannot read " + file + ": " + e.getMessage(), e);
        }
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw new IllegalStateException("maillab.app.submission.password-file: " + file + " holds no password");
        }
        return line;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "SubmissionLogin[" + username + "]";
    }
}
