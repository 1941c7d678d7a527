package dev.maillab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * A module README's settings table against the {@code @ConfigurationProperties} records it documents: one row per
 * record component (a nested record's components under its name, {@code maillab.pop3.limits.max-line}; a record
 * Spring converts from text, such as lab-net's {@code ServerAddress}, is one setting), and each
 * row's default, bound the way Spring binds it, equal to the record's own default. So a default lives in the record
 * alone and the README cannot drift from it.
 *
 * <p>A row is {@code | `property` | default | meaning |}: the property in full; the default as the first code span of
 * its cell ({@code `10s`}, {@code `0` (= cores)}; {@code \n} in it is a line break), {@code `""`} for the empty
 * text, or {@code (unset)} for no value.
 * The rows are those of every table between the heading and the next heading of the same or a higher level.
 */
public final class SettingsTable {

    /** The cell that stands for no value: the record's default is null. */
    public static final String UNSET = "(unset)";

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

    private SettingsTable() {}

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

    /**
     * Fails unless the table under {@code heading} in {@code readme} has exactly one row per setting of
     * {@code records}, each with its record's default.
     *
     * @param heading the heading line as written, {@code "## Settings"}; a line that starts with it opens the section
     */
    public static void check(Path readme, String heading, List<Class<?>> records) {
        Map<String, Setting> settings = settings(records);
        Map<String, String> rows = rows(readme, heading);
        assertThat(rows.keySet())
                .as(readme + " " + heading + ": its rows against the records' components")
                .containsExactlyInAnyOrderElementsOf(settings.keySet());
        for (Map.Entry<String, String> row : rows.entrySet()) {
            Setting setting = settings.get(row.getKey());
            try {
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
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(row.getKey() + ": " + e, e);
            }
        }
    }

    /** The {@code @ConfigurationProperties} classes in these packages and below, by name; all must be records. */
    public static List<Class<?>> recordsIn(String... packages) {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> records = Stream.of(packages)
                .flatMap(p -> scan.findCandidateComponents(p).stream())
                .<Class<?>>map(bean -> ClassUtils.resolveClassName(bean.getBeanClassName(), null))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
        assertThat(records).as("settings records in " + List.of(packages)).isNotEmpty();
        return records;
    }

    private static Map<String, Setting> settings(List<Class<?>> records) {
        assertThat(records).isNotEmpty().allMatch(Class::isRecord);
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Class<?> record : records) {
            ConfigurationProperties annotation =
                    AnnotatedElementUtils.findMergedAnnotation(record, ConfigurationProperties.class);
            assertThat(annotation).as(record + " is @ConfigurationProperties").isNotNull();
            String prefix = annotation.prefix();
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
            // a nested group of settings, unless the record is one value written as text (lab-net's ServerAddress)
            if (component.getType().isRecord() && !CONVERSION.canConvert(String.class, component.getType())) {
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

    /** The rows of the section: property to default ({@code ""} as the empty text). */
    private static Map<String, String> rows(Path readme, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).startsWith(heading)) {
                start = i;
            }
        }
        assertThat(start)
                .as("a \"" + heading + "\" section in " + readme.toAbsolutePath())
                .isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        Map<String, String> rows = new LinkedHashMap<>();
        boolean fenced = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.matches("#+ .*") && line.indexOf(' ') <= level.length() - 1) {
                break;
            }
            if (fenced || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String property = firstCode(cells[1]);
            String value = cells[2].strip().equals(UNSET) ? UNSET : firstCode(cells[2]);
            if (value != null && !value.equals(UNSET)) {
                value = value.replace("\\n", "\n");
            }
            assertThat(value).as(line + ": a default in backticks, or " + UNSET).isNotNull();
            assertThat(rows.put(property, "\"\"".equals(value) ? "" : value))
                    .as(property + " has one row")
                    .isNull();
        }
        return rows;
    }

    private static String firstCode(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? m.group(1) : null;
    }
}
