package dev.maillab.dns.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import dev.maillab.dns.namedconf.ConfigFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * The rules file of a running server: its rules answer from the start, an edit replaces them, a broken edit keeps
 * the last good ones and says why, deleting the file clears them. Over real UDP and TCP queries.
 */
class FaultFileReloadTest {

    @TempDir
    Path dir;

    @Test
    void editsAreServedABrokenFileKeepsTheLastRulesAndDeletingItClearsThem() throws Exception {
        Path rules = dir.resolve("faults.rules");
        write(rules, "# the lab's faults\nmail.example.local A servfail\n");
        try (RunningDnsServer server = RunningDnsServer.start(
                TestZones.copyInto(Files.createDirectories(dir.resolve("zones")))
                        .namedConf(),
                "--maillab.dns.faults.file=" + rules,
                "--maillab.dns.reload-interval=100ms")) {
            assertThat(server.ask(false, "mail.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.SERVFAIL);
            assertThat(server.ask(true, "mail.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.SERVFAIL);
            JsonNode listed = server.getJson("/api/faults");
            assertThat(listed.get("file").asString())
                    .isEqualTo(rules.toAbsolutePath().toString());
            assertThat(listed.get("rules")).singleElement().satisfies(r -> {
                assertThat(r.get("id").asString()).isEqualTo("file-2");
                assertThat(r.get("source").asString()).isEqualTo("file");
                assertThat(r.get("text").asString()).isEqualTo("mail.example.local. A servfail");
            });

            write(rules, "*.example.local nxdomain tcp\n");
            await(() -> server.ask(true, "mail.example.local.", Type.A).getRcode() == Rcode.NXDOMAIN);
            assertThat(server.ask(false, "mail.example.local.", Type.A).getRcode())
                    .as("the old rule is gone, the new one is tcp only")
                    .isEqualTo(Rcode.NOERROR);

            write(rules, "*.example.local nxdomain tcp\nmail.example.local A explode\n");
            await(() -> !server.getJson("/api/faults").get("fileError").isNull());
            assertThat(server.getJson("/api/faults").get("fileError").asString())
                    .isEqualTo(rules.toAbsolutePath() + ":2: 'explode' is neither a type (A, MX, PTR, TXT, ANY ...) nor"
                            + " an action (servfail, nxdomain, refused, drop, delay=<n>ms|s|m)");
            assertThat(server.ask(true, "mail.example.local.", Type.A).getRcode())
                    .as("the last good rules stay")
                    .isEqualTo(Rcode.NXDOMAIN);

            write(rules, "mail.example.local A refused\n");
            await(() -> server.getJson("/api/faults").get("fileError").isNull());
            assertThat(server.ask(false, "mail.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.REFUSED);

            Files.delete(rules);
            await(() -> server.getJson("/api/faults").get("rules").isEmpty());
            assertThat(server.ask(false, "mail.example.local.", Type.A).getRcode())
                    .isEqualTo(Rcode.NOERROR);
        }
    }

    @Test
    void aFileThatAppearsLaterIsRead() throws Exception {
        Path rules = dir.resolve("later.rules");
        try (RunningDnsServer server = RunningDnsServer.start(
                TestZones.copyInto(Files.createDirectories(dir.resolve("zones")))
                        .namedConf(),
                "--maillab.dns.faults.file=" + rules,
                "--maillab.dns.reload-interval=100ms")) {
            assertThat(server.ask(false, "example.local.", Type.MX).getRcode()).isEqualTo(Rcode.NOERROR);
            write(rules, "example.local MX servfail\n");
            await(() -> server.ask(false, "example.local.", Type.MX).getRcode() == Rcode.SERVFAIL);
        }
    }

    @Test
    void aBrokenFileAtStartStopsStartUpWithFileAndLine() throws Exception {
        Path rules = dir.resolve("broken.rules");
        write(rules, "mail.example.local A servfail\nmail.example.local p=0.5\n");

        Throwable failure = catchThrowable(() -> RunningDnsServer.start(
                        TestZones.copyInto(Files.createDirectories(dir.resolve("zones")))
                                .namedConf(),
                        "--maillab.dns.faults.file=" + rules)
                .close());

        while (failure != null && !(failure instanceof ConfigFileException)) {
            failure = failure.getCause();
        }
        assertThat(failure)
                .hasMessage(rules.toAbsolutePath()
                        + ":2: a rule needs an action (servfail, nxdomain, refused, drop, delay=2s)");
    }

    /** Replaces the file whole, as editors do, so a reader never sees half of it. */
    private void write(Path file, String text) throws Exception {
        Path temp = Files.createTempFile(dir, "rules", ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("reloaded within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
