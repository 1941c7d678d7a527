package dev.maillab.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.events.EventsProperties;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The settings table of smtp-server/README.md against the {@code @ConfigurationProperties} records (this module's,
 * and lab-events' {@code EventsProperties}, which it binds): one row per record component (a nested record's
 * components under its name), and each row's default, bound the way Spring binds it, equal to the record's own
 * default. {@code (unset)} stands for no value.
 */
class SettingsTableTest {

    private static final Path README = Path.of("README.md");
    private static final String UNSET = "(unset)";

    /** One setting: the record it belongs to, that record's prefix, and the accessors that lead to its value. */
    private record Setting(Class<?> record, String prefix, List<RecordComponent> path) {

        Object valueIn(Object bound) throws ReflectiveOperationException {
            Object value = bound;
            for (RecordComponent component : path) {
                value = component.getAccessor().invoke(value);
            }
            return value;
        }

        Object bind(Map<String, String> settings) {
            return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, Bindable.of(record));
        }
    }

    @Test
    void everySettingHasOneRowWithItsRecordsDefault() throws Exception {
        Map<String, Setting> settings = settings();
        Map<String, String> rows = rows();

        assertThat(rows.keySet())
                .as("README rows against the records' components")
                .containsExactlyInAnyOrderElementsOf(settings.keySet());
        for (Map.Entry<String, String> row : rows.entrySet()) {
            Setting setting = settings.get(row.getKey());
            Object defaultValue = setting.valueIn(setting.bind(Map.of()));
            if (UNSET.equals(row.getValue())) {
                assertThat(defaultValue).as(row.getKey()).isNull();
            } else {
                Object documented = setting.valueIn(setting.bind(Map.of(row.getKey(), row.getValue())));
                assertThat(defaultValue)
                        .as(row.getKey() + " is documented as " + row.getValue())
                        .isNotNull()
                        .isEqualTo(documented);
            }
        }
    }

    /** Every setting of the module's records, by property name. */
    private static Map<String, Setting> settings() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        // the module's own records, and the shared journal's (lab-events), which this service binds too
        List<Class<?>> records = Stream.of(
                        SettingsTableTest.class.getPackageName(), EventsProperties.class.getPackageName())
                .flatMap(p -> scan.findCandidateComponents(p).stream())
                .<Class<?>>map(bean -> ClassUtils.resolveClassName(bean.getBeanClassName(), null))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
        assertThat(records).isNotEmpty().allMatch(Class::isRecord);
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Class<?> record : records) {
            String prefix = AnnotatedElementUtils.findMergedAnnotation(record, ConfigurationProperties.class)
                    .prefix();
            collect(record, prefix, record, prefix, List.of(), settings);
        }
        return settings;
    }

    private static void collect(
            Class<?> record,
            String prefix,
            Class<?> type,
            String name,
            List<RecordComponent> path,
            Map<String, Setting> settings) {
        for (RecordComponent component : type.getRecordComponents()) {
            String property = name + "." + kebab(component.getName());
            List<RecordComponent> longer = new ArrayList<>(path);
            longer.add(component);
            if (component.getType().isRecord()) {
                collect(record, prefix, component.getType(), property, longer, settings);
            } else {
                assertThat(settings.put(property, new Setting(record, prefix, List.copyOf(longer))))
                        .as(property + " bound by two records")
                        .isNull();
            }
        }
    }

    /** {@code maxMessageSize} as Spring's canonical property name: {@code max-message-size}. */
    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The rows of the table under "## Settings": property to default, backticks off, {@code ""} as empty. */
    private static Map<String, String> rows() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Settings");
        assertThat(start)
                .as("a \"## Settings\" section in " + README.toAbsolutePath())
                .isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String property = unquote(cells[1]);
            String value = unquote(cells[2]);
            assertThat(rows.put(property, "\"\"".equals(value) ? "" : value))
                    .as(property + " has one row")
                    .isNull();
        }
        return rows;
    }

    private static String unquote(String cell) {
        String text = cell.strip();
        return text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
    }
}
