package dev.maillab.mailserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An aliases file of any content: refused whole with a {@link UsersFileException} naming the file and line, or every
 * alias has a lower-case name and only bare user names; nothing else escapes the parser.
 */
class AliasFileParserFuzzTest {

    private static final Path FILE = Path.of("aliases");

    @FuzzTest
    void mapsNamesToBareUsers(byte[] input) {
        List<String> lines = new String(input, StandardCharsets.UTF_8).lines().toList();

        Map<String, List<String>> aliases;
        try {
            aliases = new AliasFileParser().parse(FILE, lines);
        } catch (UsersFileException refused) {
            // refused whole, naming the file and line: the reload keeps the last good aliases
            assertThat(refused.getMessage()).startsWith("aliases: " + FILE);
            return;
        }

        aliases.forEach((name, targets) -> {
            assertThat(name)
                    .isNotEmpty()
                    .isEqualTo(name.toLowerCase(Locale.ROOT))
                    .doesNotContain(":");
            assertThat(targets)
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isNotBlank().doesNotContain("@", ","));
        });
    }
}
