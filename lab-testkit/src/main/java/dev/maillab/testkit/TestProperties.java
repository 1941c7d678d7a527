package dev.maillab.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * A settings record bound the way the application binds it: its {@code @DefaultValue}s, overridden by the given
 * settings, converted as Spring converts them ({@code "10m"}, {@code "48MB"}, {@code "a,b"}). Tests name only the
 * settings they change, so the defaults stay in the records alone.
 */
public final class TestProperties {

    private TestProperties() {}

    /**
     * @param settings names below the record's prefix ({@code "lock-session"} for {@code maillab.pop3.lock-session})
     *                 and their values, as strings or as the component's type
     */
    public static <T> T bind(Class<T> type, Map<String, ?> settings) {
        ConfigurationProperties annotation =
                AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is no @ConfigurationProperties record");
        }
        String prefix = annotation.prefix();
        Map<String, Object> named = new LinkedHashMap<>();
        settings.forEach((name, value) -> named.put(prefix + "." + name, value));
        return new Binder(new MapConfigurationPropertySource(named)).bindOrCreate(prefix, Bindable.of(type));
    }

    /** The record with every default. */
    public static <T> T defaults(Class<T> type) {
        return bind(type, Map.of());
    }
}
