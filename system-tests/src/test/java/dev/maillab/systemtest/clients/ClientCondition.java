package dev.maillab.systemtest.clients;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** See {@link RequiresClient}. */
class ClientCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresClient> annotation = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresClient.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no client");
        }
        String command = annotation.get().value();
        if (onPath(command)) {
            return ConditionEvaluationResult.enabled(command + " is installed");
        }
        if (required()) {
            throw new IllegalStateException(
                    "the mail clients are required here (maillab.require-clients / " + "MAILLAB_REQUIRE_CLIENTS) but "
                            + command + " is not on PATH; system-tests/clients/install.sh installs it");
        }
        return ConditionEvaluationResult.disabled(
                "SKIPPED, " + command
                        + " is not installed: the client matrix needs it (system-tests/clients/install.sh installs the clients)");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static boolean required() {
        return Boolean.getBoolean("maillab.require-clients")
                || "true".equalsIgnoreCase(System.getenv("MAILLAB_REQUIRE_CLIENTS"));
    }
}
