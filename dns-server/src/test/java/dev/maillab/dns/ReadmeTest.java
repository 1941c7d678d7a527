package dev.maillab.dns;

import dev.maillab.testkit.SettingsTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's property table says what DnsProperties declares: every setting, each with its default, bound as
 * Spring binds it (lab-testkit's {@link SettingsTable}).
 */
class ReadmeTest {

    @Test
    void thePropertyTableHasEverySettingWithTheRecordsDefault() {
        SettingsTable.check(Path.of("README.md"), "## Properties (`maillab.dns.*`)", List.of(DnsProperties.class));
    }
}
