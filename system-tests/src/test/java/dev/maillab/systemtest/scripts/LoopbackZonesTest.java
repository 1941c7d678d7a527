package dev.maillab.systemtest.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/loopback-zones.sh, the one rewrite of the zones for one machine: the A records of 172.19.0.x lead to
 * 127.0.0.1, and every other byte stays as it is.
 */
class LoopbackZonesTest {

    private static final Path ZONES = Layout.repo().resolve("zones");

    @TempDir
    Path dir;

    @Test
    void theProjectsARecordsLeadToLoopbackAndNothingElseChanges() throws Exception {
        Path out = rewrite(ZONES, dir.resolve("zones"));

        assertThat(names(out)).isEqualTo(names(ZONES));
        List<String> before = Files.readAllLines(ZONES.resolve("db.example.local"));
        List<String> after = Files.readAllLines(out.resolve("db.example.local"));
        assertThat(after).hasSameSizeAs(before).noneMatch(line -> line.matches(".*\\sIN\\s+A\\s+172\\.19\\..*"));
        List<String> changed = new ArrayList<>();
        IntStream.range(0, before.size())
                .filter(i -> !before.get(i).equals(after.get(i)))
                .forEach(i -> changed.add(before.get(i) + " => " + after.get(i)));
        assertThat(changed)
                .containsExactly(
                        "ns          IN  A     172.19.0.2 => ns          IN  A     127.0.0.1",
                        "dns-server  IN  A     172.19.0.2 => dns-server  IN  A     127.0.0.1",
                        "mail        IN  A     172.19.0.3 => mail        IN  A     127.0.0.1",
                        "smtp-server IN  A     172.19.0.3 => smtp-server IN  A     127.0.0.1",
                        "app-server  IN  A     172.19.0.4 => app-server  IN  A     127.0.0.1",
                        "client      IN  A     172.19.0.5 => client      IN  A     127.0.0.1",
                        "console     IN  A     172.19.0.6 => console     IN  A     127.0.0.1");
        // the second domain's mail server is the one on 127.0.0.3
        assertThat(Files.readAllLines(out.resolve("db.example.test")))
                .contains("mail        IN  A     127.0.0.3", "smtp-server IN  A     127.0.0.3")
                .noneMatch(line -> line.matches(".*\\sIN\\s+A\\s+172\\.19\\..*"));
        // the reverse zone names the compose addresses, which stay; named.conf needs no change without a port
        assertThat(out.resolve("db.19.172.in-addr.arpa"))
                .hasSameBinaryContentAs(ZONES.resolve("db.19.172.in-addr.arpa"));
        assertThat(out.resolve("named.conf")).hasSameBinaryContentAs(ZONES.resolve("named.conf"));
    }

    @Test
    void withAPortNamedConfListensOnIt() throws Exception {
        Path out = rewrite(ZONES, dir.resolve("zones"), "2053");

        assertThat(Files.readString(out.resolve("named.conf")))
                .isEqualTo(Files.readString(ZONES.resolve("named.conf"))
                        .replace("listen-on port 53 ", "listen-on port 2053 "));
    }

    @Test
    void commentsOtherAddressesAndOtherRecordsStay() throws Exception {
        Path zones = Files.createDirectories(dir.resolve("in"));
        Files.writeString(zones.resolve("db.test"), """
                ; old        IN  A     172.19.0.7
                host         IN  A     172.19.0.7   ; the comment after it stays
                host2 3600   IN  A     172.19.0.17
                elsewhere    IN  A     10.19.0.7
                text         IN  TXT   "172.19.0.7"
                """);

        Path out = rewrite(zones, dir.resolve("out"));

        assertThat(Files.readString(out.resolve("db.test"))).isEqualTo("""
                ; old        IN  A     172.19.0.7
                host         IN  A     127.0.0.1   ; the comment after it stays
                host2 3600   IN  A     127.0.0.1
                elsewhere    IN  A     10.19.0.7
                text         IN  TXT   "172.19.0.7"
                """);
    }

    @Test
    void aPortThatIsNoNumberIsRefused() throws Exception {
        Run run = run(ZONES, dir.resolve("zones"), "53; rm -rf /");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("DNS_PORT must be a number");
    }

    private Path rewrite(Path zones, Path target, String... port) throws Exception {
        Run run = run(zones, target, port);
        assertThat(run.exit()).as(run.output()).isZero();
        return target;
    }

    private record Run(int exit, String output) {}

    private static Run run(Path zones, Path target, String... port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Layout.repo().resolve("config/loopback-zones.sh").toString(), zones.toString(), target.toString()));
        command.addAll(List.of(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
