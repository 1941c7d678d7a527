package dev.maillab.systemtest.cds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * config/cds.sh as the launcher and the bench use it, on dns-server (the quickest to train): the archive is made
 * once, the JVM really maps it, and a change of JVM options trains it again instead of starting from a foreign one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassDataArchiveIT {

    private static final String MODULE = "dns-server";
    private static final Path ARCHIVE = Layout.repo().resolve(MODULE).resolve("target/cds/" + MODULE + ".jsa");

    @Test
    @Order(1)
    void theServiceStartsWithItsClassesFromTheArchive() throws Exception {
        Prepared prepared = prepare(Map.of());
        assertThat(prepared.javaArgs())
                .contains("-XX:SharedArchiveFile=" + ARCHIVE)
                .contains("target/cds/" + MODULE + "-exec.jar");
        assertThat(ARCHIVE).isNotEmptyFile();

        // -Xshare:on refuses to start rather than run without the archive; the class log says where each class came
        // from. The JVM options and the arguments (those of the training, port 0) are the scripts'.
        List<String> command = new ArrayList<>(List.of(Layout.java().toString()));
        command.addAll(words(prepared.javaOpts()));
        command.addAll(List.of("-Xshare:on", "-Xlog:class+load=info", "-Dspring.context.exit=onRefresh"));
        command.addAll(words(prepared.javaArgs()));
        command.addAll(words(prepared.trainingArgs()));
        Run run = run(command, Map.of());

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output)
                .contains("dev.maillab.dns.DnsServerApplication source: shared objects file (top)")
                .contains("org.springframework.context.support.AbstractApplicationContext source: shared objects file");
    }

    @Test
    @Order(2)
    void aSecondPreparationLeavesTheArchiveAsItIs() throws Exception {
        prepare(Map.of());
        FileTime made = Files.getLastModifiedTime(ARCHIVE);

        prepare(Map.of());

        assertThat(Files.getLastModifiedTime(ARCHIVE)).isEqualTo(made);
    }

    @Test
    @Order(3)
    void otherJvmOptionsTrainANewArchive() throws Exception {
        prepare(Map.of());
        FileTime made = Files.getLastModifiedTime(ARCHIVE);

        prepare(Map.of("JAVA_OPTS", "-Xss320k"));

        assertThat(Files.getLastModifiedTime(ARCHIVE)).isGreaterThan(made);
        prepare(Map.of()); // back to the options every other test and the launcher use
    }

    /**
     * What ./maillab runs, from the scripts: the module's JVM options (java_opts), the archive or jar after them
     * (cds_prepare, then cds_java_args), and the training's program arguments (service_training_args).
     */
    private record Prepared(String javaOpts, String javaArgs, String trainingArgs) {}

    private static Prepared prepare(Map<String, String> env) throws Exception {
        Path scratch = Layout.workDir("cds");
        String script = ". config/java-opts.sh && . config/cds.sh && cds_prepare " + MODULE + " \"$JAVA\" >&2"
                + " && java_opts " + MODULE + " && cds_java_args " + MODULE
                + " && service_training_args " + MODULE + " " + scratch;
        Map<String, String> withJava = new HashMap<>(env);
        withJava.put("JAVA", Layout.java().toString());
        Run run = run(List.of("bash", "-c", script), withJava);
        assertThat(run.exit).as(run.output).isZero();
        String[] lines = run.output.trim().split("\n");
        return new Prepared(lines[lines.length - 3], lines[lines.length - 2], lines[lines.length - 1]);
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(Layout.repo().toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
