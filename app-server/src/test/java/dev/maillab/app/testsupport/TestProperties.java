package dev.maillab.app.testsupport;

import dev.maillab.app.config.AppProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The sender's settings for tests that build its parts without Spring, bound the way Spring binds the service's:
 * the given {@code maillab.app.*} properties over the defaults AppProperties declares, so a test names only what it
 * changes and never repeats a default.
 */
public final class TestProperties {

    private static final String PREFIX = "maillab.app";

    private TestProperties() {}

    /** @param settings property names below {@code maillab.app.}, e.g. {@code "retry.max-attempts" -> 2} */
    public static AppProperties app(Map<String, ?> settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        settings.forEach((name, value) -> properties.put(PREFIX + "." + name, value));
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(PREFIX, AppProperties.class);
    }

    /** @param settings property names below {@code maillab.app.limits.}, e.g. {@code "max-recipients" -> 3} */
    public static AppProperties.Limits limits(Map<String, ?> settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        settings.forEach((name, value) -> properties.put("limits." + name, value));
        return app(properties).limits();
    }
}
