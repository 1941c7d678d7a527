package dev.maillab.mailserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A passwd-file of any content: the parser either refuses the file whole with a {@link UsersFileException} naming
 * the file and line (the reload then keeps the last good users), or every user it accepts has a safe name and a home
 * that is a plain absolute path (the mail root's subdirectory when the file gives none). Nothing else escapes it.
 */
class PasswdFileParserFuzzTest {

    private static final Path MAIL_ROOT = Path.of("/var/mail/maillab");
    private static final Path FILE = Path.of("users");

    @FuzzTest
    void acceptsOnlySafeUsers(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Map<String, PasswdEntry> users;
        try {
            users = new PasswdFileParser(MAIL_ROOT).parse(FILE, text.lines().toList());
        } catch (UsersFileException refused) {
            assertThat(refused.getMessage()).startsWith("users: " + FILE);
            return;
        }

        users.forEach((name, entry) -> {
            assertThat(name)
                    .matches("[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}")
                    .isEqualTo(entry.user().name());
            Path home = entry.user().home();
            assertThat(home.isAbsolute()).isTrue();
            assertThat(home.normalize()).isEqualTo(home);
            assertThat(home.toString()).doesNotContain("..");
            assertThat(entry.scheme()).isNotNull();
            assertThat(entry.hash()).isNotNull();
        });
    }

    @Test
    void aNulInAHomeFieldRefusesTheFileNamingTheLine() {
        // the fuzzer's finding (findings/passwd-nul-in-home) with a well-formed hash, so the home is what is checked
        List<String> lines =
                List.of("test:{PLAIN}password:::::", "carol:{PLAIN}password:1000:1000::/srv/mail/caro\0\0:");
        assertThatThrownBy(() -> new PasswdFileParser(MAIL_ROOT).parse(FILE, lines))
                .isInstanceOf(UsersFileException.class)
                .hasMessageStartingWith("users: " + FILE + ":2:")
                .hasMessageContaining("home is not a path");
    }
}
