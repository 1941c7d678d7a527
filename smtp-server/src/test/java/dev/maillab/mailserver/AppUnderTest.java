package dev.maillab.mailserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings every {@code @SpringBootTest} of the whole smtp-server shares: SMTP (25, submission, SMTPS) and POP3 (and POP3S) on free ports, a copy of
 * the sample users file and a mail root in a directory of its own, the tests' one lab CA.
 */
public final class AppUnderTest {

    private AppUnderTest() {}

    /** A new directory holding a copy of {@code config/users}. */
    public static Path directory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.copy(Path.of("../config/users"), dir.resolve("users"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void register(DynamicPropertyRegistry registry, Path dir) {
        registry.add("maillab.smtp.port", () -> 0);
        registry.add("maillab.pop3.port", () -> 0);
        registry.add("maillab.smtp.submission-port", () -> 0);
        registry.add("maillab.smtp.smtps-port", () -> 0);
        registry.add("maillab.pop3.pop3s-port", () -> 0);
        registry.add("maillab.users.file", () -> dir.resolve("users").toString());
        registry.add("maillab.users.mail-root", () -> dir.resolve("mail").toString());
        registry.add(
                "maillab.tls.directory",
                () -> Path.of("target/test-tls").toAbsolutePath().toString());
    }
}
