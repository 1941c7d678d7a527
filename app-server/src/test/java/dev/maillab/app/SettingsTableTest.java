package dev.maillab.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.app.config.AppProperties;
import dev.maillab.app.events.EventPostingProperties;
import dev.maillab.events.EventsProperties;
import dev.maillab.testkit.SettingsTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * app-server/README.md's two settings tables against the records they document (lab-testkit's
 * {@link SettingsTable}): one row per setting, each with its record's default.
 */
class SettingsTableTest {

    private static final Path README = Path.of("README.md");

    @Test
    void everySenderSettingHasOneRowWithItsRecordsDefault() {
        SettingsTable.check(README, "## Settings (`maillab.app.*`)", List.of(AppProperties.class));
    }

    @Test
    void everyEventSettingHasOneRowWithItsRecordsDefault() {
        SettingsTable.check(
                README,
                "### Settings (`maillab.events.*`)",
                List.of(EventsProperties.class, EventPostingProperties.class));
    }

    @Test
    void theTablesCoverEveryRecordOfTheModule() {
        assertThat(SettingsTable.recordsIn("dev.maillab.app"))
                .containsExactlyInAnyOrder(AppProperties.class, EventPostingProperties.class);
    }
}
