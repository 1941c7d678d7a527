package dev.maillab.events;

import dev.maillab.testkit.SettingsTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's property table says what EventsProperties declares: every setting, each with its default. */
class ReadmeTest {

    @Test
    void thePropertyTableHasEverySettingWithTheRecordsDefault() {
        SettingsTable.check(Path.of("README.md"), "## Properties (`maillab.events.*`", List.of(EventsProperties.class));
    }
}
