package dev.maillab.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.events.EventsProperties;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The {@code maillab.events.*} table of app-server/README.md against the two records it documents: one row per
 * component, and each row's default, bound the way Spring binds it, equal to the record's own. {@code (unset)} is no
 * value.
 */
class EventSettingsTableTest {

    private static final String PREFIX = "maillab.events";

    @Test
    void everyEventSettingHasOneRowWithItsRecordsDefault() throws Exception {
        Map<String, String> rows = rows();
        Map<String, Class<?>> settings = new LinkedHashMap<>();
        for (Class<?> record : List.of(EventsProperties.class, EventPostingProperties.class)) {
            for (RecordComponent c : record.getRecordComponents()) {
                settings.put(PREFIX + "." + kebab(c.getName()), record);
            }
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(settings.keySet());
        for (Map.Entry<String, String> row : rows.entrySet()) {
            Class<?> record = settings.get(row.getKey());
            RecordComponent component = component(record, row.getKey());
            Object defaultValue = component.getAccessor().invoke(bind(record, Map.of()));
            if (row.getValue().equals("(unset)")) {
                assertThat(defaultValue).as(row.getKey()).isNull();
            } else {
                Object documented = component.getAccessor().invoke(bind(record, Map.of(row.getKey(), row.getValue())));
                assertThat(defaultValue)
                        .as(row.getKey() + " is documented as " + row.getValue())
                        .isNotNull()
                        .isEqualTo(documented);
            }
        }
    }

    private static Object bind(Class<?> record, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(PREFIX, record);
    }

    private static RecordComponent component(Class<?> record, String property) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (property.equals(PREFIX + "." + kebab(c.getName()))) {
                return c;
            }
        }
        throw new AssertionError(property);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The rows under "### Settings (`maillab.events.*`)": property to default, backticks off. */
    private static Map<String, String> rows() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### Settings (`maillab.events.*`)");
        assertThat(start)
                .as("the events settings section of app-server/README.md")
                .isNotNegative();
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
