package dev.maillab.smtp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A passwd-file of any content: the parser never fails, and every user it accepts has a safe name and a home
 * that is a plain absolute path (the mail root's subdirectory when the file gives none).
 */
class PasswdFileParserFuzzTest {

    private static final Path MAIL_ROOT = Path.of("/var/mail/maillab");
    private static final Path FILE = Path.of("users");

    @FuzzTest
    void acceptsOnlySafeUsers(byte[] input) {
        List<String> lines = new String(input, StandardCharsets.UTF_8).lines().toList();

        Map<String, PasswdEntry> users = new PasswdFileParser(MAIL_ROOT).parse(FILE, lines);

        users.forEach((name, entry) -> {
            assertThat(name).matches("[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}").isEqualTo(entry.user().name());
            Path home = entry.user().home();
            assertThat(home.isAbsolute()).isTrue();
            assertThat(home.normalize()).isEqualTo(home);
            assertThat(home.toString()).doesNotContain("..");
            assertThat(entry.scheme()).isNotNull();
            assertThat(entry.hash()).isNotNull();
        });
    }
}
