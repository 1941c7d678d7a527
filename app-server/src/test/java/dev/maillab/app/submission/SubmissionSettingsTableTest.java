package dev.maillab.app.submission;

import dev.maillab.app.config.AppProperties;
import dev.maillab.app.testsupport.SettingsTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code maillab.app.submission.*} table of app-server/README.md against {@link AppProperties.Submission}. */
class SubmissionSettingsTableTest {

    @Test
    void everySubmissionSettingHasOneRowWithItsRecordsDefault() throws Exception {
        SettingsTable.assertDocuments(
                "### Settings (`maillab.app.submission.*`)",
                "maillab.app.submission",
                List.of(AppProperties.Submission.class));
    }
}
