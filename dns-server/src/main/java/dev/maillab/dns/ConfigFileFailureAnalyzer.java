package dev.maillab.dns;

import dev.maillab.dns.namedconf.ConfigFileException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A broken named.conf, zone file or fault rules file at start-up: print {@code file:line: what is wrong}, not a stack trace. */
class ConfigFileFailureAnalyzer extends AbstractFailureAnalyzer<ConfigFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigFileException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Fix " + cause.file() + " at line " + cause.line()
                        + " (or point maillab.dns.named-conf or maillab.dns.faults.file elsewhere).",
                cause);
    }
}
