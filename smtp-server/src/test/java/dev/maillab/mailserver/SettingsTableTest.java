package dev.maillab.mailserver;

import dev.maillab.events.EventsProperties;
import dev.maillab.testkit.SettingsTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The settings table of smtp-server/README.md against the {@code @ConfigurationProperties} records (this module's,
 * and lab-events' {@code EventsProperties}, which it binds): one row per setting, each with its record's default
 * (lab-testkit's {@link SettingsTable}).
 */
class SettingsTableTest {

    @Test
    void everySettingHasOneRowWithItsRecordsDefault() {
        SettingsTable.check(
                Path.of("README.md"),
                "## Settings",
                SettingsTable.recordsIn(
                        SettingsTableTest.class.getPackageName(), EventsProperties.class.getPackageName()));
    }
}
