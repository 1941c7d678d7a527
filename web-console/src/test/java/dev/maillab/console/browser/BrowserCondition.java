package dev.maillab.console.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresBrowser}. */
class BrowserCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = HeadlessChromium.missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        if (required()) {
            throw new IllegalStateException("a browser is required here (maillab.require-browser / "
                    + "MAILLAB_REQUIRE_BROWSER) but " + missing + "; apt-get install -y chromium chromium-driver");
        }
        return ConditionEvaluationResult.disabled("SKIPPED, " + missing
                + ": the browser test needs Debian's chromium and chromium-driver (apt-get install -y chromium "
                + "chromium-driver; .ci/run installs them)");
    }

    static boolean required() {
        return Boolean.getBoolean("maillab.require-browser")
                || "true".equalsIgnoreCase(System.getenv("MAILLAB_REQUIRE_BROWSER"));
    }
}
