package dev.maillab.app.events;

import dev.maillab.app.testsupport.SettingsTable;
import dev.maillab.events.EventsProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code maillab.events.*} table of app-server/README.md against lab-events' and app-server's records. */
class EventSettingsTableTest {

    @Test
    void everyEventSettingHasOneRowWithItsRecordsDefault() throws Exception {
        SettingsTable.assertDocuments(
                "### Settings (`maillab.events.*`)",
                "maillab.events",
                List.of(EventsProperties.class, EventPostingProperties.class));
    }
}
