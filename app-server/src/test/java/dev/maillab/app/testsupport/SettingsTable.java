package dev.maillab.app.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A settings table of app-server/README.md (the rows under one heading, {@code | `property` | `default` | meaning
 * |}) against the records it documents: one row per component, and each row's default, bound the way Spring binds
 * it, equal to the record's own. {@code (unset)} is no value.
 */
public final class SettingsTable {

    private SettingsTable() {}

    /** @param records each bound under {@code prefix}, their components named in kebab case below it */
    public static void assertDocuments(String heading, String prefix, List<Class<?>> records) throws Exception {
        Map<String, String> rows = rows(heading);
        Map<String, Class<?>> settings = new LinkedHashMap<>();
        for (Class<?> record : records) {
            for (RecordComponent c : record.getRecordComponents()) {
                settings.put(prefix + "." + kebab(c.getName()), record);
            }
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(settings.keySet());
        for (Map.Entry<String, String> row : rows.entrySet()) {
            Class<?> record = settings.get(row.getKey());
            RecordComponent component = component(record, prefix, row.getKey());
            Object defaultValue = component.getAccessor().invoke(bind(record, prefix, Map.of()));
            if (row.getValue().equals("(unset)")) {
                assertThat(defaultValue).as(row.getKey()).isNull();
            } else {
                Object documented =
                        component.getAccessor().invoke(bind(record, prefix, Map.of(row.getKey(), row.getValue())));
                assertThat(defaultValue)
                        .as(row.getKey() + " is documented as " + row.getValue())
                        .isNotNull()
                        .isEqualTo(documented);
            }
        }
    }

    private static Object bind(Class<?> record, String prefix, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, record);
    }

    private static RecordComponent component(Class<?> record, String prefix, String property) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (property.equals(prefix + "." + kebab(c.getName()))) {
                return c;
            }
        }
        throw new AssertionError(property);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The rows under the heading, up to the next one: property to default, backticks off. */
    private static Map<String, String> rows(String heading) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf(heading);
        assertThat(start).as(heading + " in app-server/README.md").isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                assertThat(rows.put(unquote(cells[1]), unquote(cells[2])))
                        .as(cells[1] + " has one row")
                        .isNull();
            }
        }
        return rows;
    }

    private static String unquote(String cell) {
        String text = cell.strip();
        return text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
    }
}
