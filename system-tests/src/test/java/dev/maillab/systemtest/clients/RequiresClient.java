package dev.maillab.systemtest.clients;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test only where the named command is on PATH. Without it the test is skipped with the reason,
 * unless the clients are required (-Dmaillab.require-clients=true or MAILLAB_REQUIRE_CLIENTS=true, as CI sets
 * it): then a missing client is a failure, not a skip. system-tests/clients/install.sh installs them all.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ClientCondition.class)
@interface RequiresClient {

    /** The command, e.g. {@code mpop}, {@code getmail} (package getmail6). */
    String value();
}
