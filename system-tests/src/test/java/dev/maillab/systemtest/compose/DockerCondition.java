package dev.maillab.systemtest.compose;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** See {@link RequiresDocker}. */
class DockerCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("Docker engine and Compose answer");
        }
        if (required()) {
            throw new IllegalStateException(
                    "Docker is required here (maillab.require-docker / MAILLAB_REQUIRE_DOCKER) but " + missing
                            + "; docker/install-engine.sh installs and starts one");
        }
        return ConditionEvaluationResult.disabled("SKIPPED, " + missing
                + ": the compose stack tests need a Docker engine (docker/install-engine.sh starts one)");
    }

    private static String missing() {
        boolean engine;
        try {
            engine = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return "no Docker engine answers (" + e + ")";
        }
        if (!engine) {
            return "no Docker engine answers";
        }
        if (ComposeCli.command().isEmpty()) {
            return "neither `docker compose` nor `docker-compose` is installed";
        }
        return null;
    }

    private static boolean required() {
        return Boolean.getBoolean("maillab.require-docker")
                || "true".equalsIgnoreCase(System.getenv("MAILLAB_REQUIRE_DOCKER"));
    }
}
