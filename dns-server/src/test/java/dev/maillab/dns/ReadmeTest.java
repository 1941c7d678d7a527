package dev.maillab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The README's property table says what DnsProperties declares: every setting, each with its default. */
class ReadmeTest {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    @Test
    void thePropertyTableHasEverySettingWithTheRecordsDefault() throws Exception {
        assertThat(documented()).containsExactlyInAnyOrderEntriesOf(declared());
    }

    /** {@code | address / port | `127.0.0.1` / `1053` | ... |}: each name with the default in the same place. */
    private static Map<String, String> documented() throws Exception {
        Map<String, String> table = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("## ")) {
                inTable = line.startsWith("## Properties");
            }
            if (!inTable || !line.startsWith("| ") || line.startsWith("| property ")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String[] names = cells[1].strip().split(" / ");
            List<String> defaults = new ArrayList<>();
            for (Matcher m = CODE.matcher(cells[2]); m.find(); ) {
                defaults.add(m.group(1));
            }
            assertThat(defaults).as(line).hasSameSizeAs(names);
            for (int i = 0; i < names.length; i++) {
                table.put(names[i], defaults.get(i));
            }
        }
        return table;
    }

    private static Map<String, String> declared() throws Exception {
        RecordComponent[] components = DnsProperties.class.getRecordComponents();
        Parameter[] parameters = DnsProperties.class
                .getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                .getParameters();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
            defaults.put(kebab(components[i].getName()), value == null ? null : String.join(",", value.value()));
        }
        return defaults;
    }

    private static String kebab(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase();
    }
}
