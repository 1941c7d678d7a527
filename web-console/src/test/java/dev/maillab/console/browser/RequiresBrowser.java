package dev.maillab.console.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test only where Debian's {@code chromium} and {@code chromium-driver} are installed
 * ({@code apt-get install -y chromium chromium-driver}). Without them the test is skipped with that reason, unless a
 * browser is required (-Dmaillab.require-browser=true or MAILLAB_REQUIRE_BROWSER=true, as .ci/run sets it): then
 * a missing browser is a failure, not a skip.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserCondition.class)
public @interface RequiresBrowser {}
