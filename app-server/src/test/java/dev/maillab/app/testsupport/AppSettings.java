package dev.maillab.app.testsupport;

import dev.maillab.app.config.AppProperties;
import dev.maillab.testkit.TestProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sender's settings for tests that build its parts without Spring: {@link TestProperties} on AppProperties. */
public final class AppSettings {

    private AppSettings() {}

    /** @param settings property names below {@code maillab.app.}, e.g. {@code "retry.max-attempts" -> 2} */
    public static AppProperties of(Map<String, ?> settings) {
        return TestProperties.bind(AppProperties.class, settings);
    }

    /** @param settings property names below {@code maillab.app.limits.}, e.g. {@code "max-recipients" -> 3} */
    public static AppProperties.Limits limits(Map<String, ?> settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        settings.forEach((name, value) -> properties.put("limits." + name, value));
        return of(properties).limits();
    }
}
