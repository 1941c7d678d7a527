package dev.maillab.mailserver.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A users or aliases file that stops the start shows as its one-line message, not as a bean-creation trace. */
public class UsersFileFailureAnalyzer extends AbstractFailureAnalyzer<UsersFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UsersFileException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Fix the line named (or restore the file's last good "
                        + "version) and start again. Once running, a broken reload keeps the last good content.",
                cause);
    }
}
