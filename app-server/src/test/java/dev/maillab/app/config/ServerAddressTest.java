package dev.maillab.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.app.testsupport.AppSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * The one syntax of a server setting ({@code maillab.app.resolver}, {@code maillab.app.fallback-host}, the checker's
 * and smtp-server's {@code resolver}), tested here for every module that holds a copy of ServerAddress.
 */
class ServerAddressTest {

    @Test
    void hostAndPortAsSettingsWriteThem() {
        assertThat(ServerAddress.valueOf("127.0.0.1:1053")).isEqualTo(new ServerAddress("127.0.0.1", 1053));
        assertThat(ServerAddress.valueOf(" mail.example.local:2525 "))
                .isEqualTo(new ServerAddress("mail.example.local", 2525));
        assertThat(ServerAddress.valueOf("[::1]:5353")).isEqualTo(new ServerAddress("::1", 5353));
        assertThat(ServerAddress.valueOf("127.0.0.1:1053").toString()).isEqualTo("127.0.0.1:1053");
        assertThat(ServerAddress.valueOf("[::1]:5353").toString()).isEqualTo("[::1]:5353");
    }

    @Test
    void withoutAPortTheUseDecides() {
        ServerAddress bare = ServerAddress.valueOf("172.19.0.2");
        assertThat(bare.port()).isZero();
        assertThat(bare.portOr(53)).isEqualTo(53);
        assertThat(bare.toString()).isEqualTo("172.19.0.2");
        assertThat(ServerAddress.valueOf("172.19.0.2:1053").portOr(53)).isEqualTo(1053);
        assertThat(ServerAddress.valueOf("::1")).isEqualTo(new ServerAddress("::1", 0));
        assertThat(ServerAddress.valueOf("[::1]")).isEqualTo(new ServerAddress("::1", 0));
        assertThat(ServerAddress.valueOf("127.0.0.1").socketAddress(53).getPort())
                .isEqualTo(53);
        assertThat(ServerAddress.valueOf("127.0.0.1").socketAddress(53).isUnresolved())
                .isFalse();
    }

    @Test
    void blankIsNoServer() {
        assertThat(ServerAddress.valueOf(null)).isNull();
        assertThat(ServerAddress.valueOf("")).isNull();
        assertThat(ServerAddress.valueOf("  ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "host:99999",
                "host:0",
                "host:notaport",
                "host:",
                "host/path",
                "user@host",
                "a b",
                "[::1",
                "::1:x"
            })
    void anythingElseIsRefusedNamingTheText(String text) {
        assertThatThrownBy(() -> ServerAddress.valueOf(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void springBindsTheSettingWithNoConverterRegistered() {
        AppProperties props = AppSettings.of(Map.of("resolver", "127.0.0.1:1053", "fallback-host", ""));
        assertThat(props.resolver()).isEqualTo(new ServerAddress("127.0.0.1", 1053));
        assertThat(props.fallbackHost()).isNull();
        assertThat(AppSettings.of(Map.of()).resolver()).isNull();
        assertThatThrownBy(() -> AppSettings.of(Map.of("resolver", "host:notaport")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("maillab.app.resolver");
    }

    /** Every module's ServerAddress is this one, text for text but for its package line: one syntax, tested here. */
    @Test
    void everyCopyIsThisClass() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> copies;
        try (Stream<Path> modules = Files.list(root)) {
            copies = modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(ServerAddressTest::serverAddressFiles)
                    .toList();
        }
        assertThat(copies.stream().map(p -> root.relativize(p).getName(0).toString()))
                .contains("app-server", "pop3-client");
        String here =
                withoutPackage(root.resolve("app-server/src/main/java/dev/maillab/app/config/ServerAddress.java"));
        for (Path copy : copies) {
            assertThat(withoutPackage(copy))
                    .as(root.relativize(copy).toString())
                    .isEqualTo(here);
        }
    }

    private static Stream<Path> serverAddressFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.getFileName().toString().equals("ServerAddress.java")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutPackage(Path file) throws IOException {
        return Files.readString(file).replaceFirst("^package [a-z.]+;", "");
    }
}
