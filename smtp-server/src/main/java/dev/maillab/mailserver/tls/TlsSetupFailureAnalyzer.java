package dev.maillab.mailserver.tls;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A lab CA or key store that stops the start shows as its one-line message, not as a bean-creation trace. */
public class TlsSetupFailureAnalyzer extends AbstractFailureAnalyzer<TlsSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TlsSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), "See maillab.tls.directory and maillab.tls.password.", cause);
    }
}
