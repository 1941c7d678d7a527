package dev.maillab.systemtest.compose;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only where a Docker engine and a Compose client answer. Without them the tests are
 * skipped with the reason, unless Docker is required (-Dmaillab.require-docker=true or MAILLAB_REQUIRE_DOCKER=true,
 * as CI sets it): then a missing or broken engine is a failure, not a skip.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {}
