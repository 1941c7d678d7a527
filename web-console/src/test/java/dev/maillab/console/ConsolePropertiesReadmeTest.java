package dev.maillab.console;

import dev.maillab.testkit.SettingsTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's property table says what ConsoleProperties holds: every setting, with its default, bound as Spring
 * binds it (lab-testkit's {@link SettingsTable}).
 */
class ConsolePropertiesReadmeTest {

    @Test
    void theReadmeTableMatchesTheRecord() {
        SettingsTable.check(
                Path.of("README.md"), "## Properties (`maillab.console.*`)", List.of(ConsoleProperties.class));
    }
}
