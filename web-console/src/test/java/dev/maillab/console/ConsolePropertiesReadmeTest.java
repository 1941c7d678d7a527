package dev.maillab.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The README's property table says what ConsoleProperties holds: every setting, with its default. */
class ConsolePropertiesReadmeTest {

    private static final Pattern ROW = Pattern.compile("^\\| ([a-z-]+) \\| `([^`]*)` \\|", Pattern.MULTILINE);

    @Test
    void theReadmeTableMatchesTheRecord() throws Exception {
        Map<String, String> record = new LinkedHashMap<>();
        RecordComponent[] components = ConsoleProperties.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        // @DefaultValue sits on the canonical constructor's parameters
        Parameter[] parameters =
                ConsoleProperties.class.getDeclaredConstructor(types).getParameters();
        for (int i = 0; i < components.length; i++) {
            DefaultValue d = parameters[i].getAnnotation(DefaultValue.class);
            record.put(kebab(components[i].getName()), d == null ? "" : String.join(",", d.value()));
        }
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Properties"), readme.indexOf("## Pages"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertThat(documented).isEqualTo(record);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
