package dev.maillab.systemtest.cds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.support.Layout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * smtp-server started as ./maillab and the bench start it (config/java-opts.sh, config/cds.sh, the service table's
 * arguments with port 0), twice on one data directory: the first start makes the lab CA and the server's key store,
 * written with OpenSSL's 2048 PBKDF2 rounds (jvm.options); the second finds them and loads no Bouncy Castle class,
 * whose signed jars would cost a restart ~0.15 s and their manifests on the heap.
 */
class SmtpServerRestartIT {

    private static final String MODULE = "smtp-server";

    @Test
    void theFirstStartWritesOpenSslsRoundsAndARestartLoadsNoBouncyCastle() throws Exception {
        Path data = Layout.workDir("smtp-restart");
        String script = ". config/java-opts.sh && . config/cds.sh && cds_prepare " + MODULE + " \"$JAVA\" >&2"
                + " && java_opts " + MODULE + " && cds_java_args " + MODULE
                + " && service_training_args " + MODULE + " " + data;
        ProcessBuilder prepare = new ProcessBuilder("bash", "-c", script)
                .directory(Layout.repo().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        prepare.environment().remove("JAVA_OPTS");
        prepare.environment().put("JAVA", Layout.java().toString());
        Process p = prepare.start();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .trim()
                .split("\n");
        assertThat(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        List<String> command = new ArrayList<>(List.of(Layout.java().toString()));
        command.addAll(words(lines[lines.length - 3]));
        command.add("-Xlog:class+load=info");
        command.addAll(words(lines[lines.length - 2]));
        command.addAll(words(lines[lines.length - 1]));

        String first = startAndStop(command);
        assertThat(first).contains("org.bouncycastle"); // made the CA: the check below can see the classes
        for (String store : List.of("ca.p12", "mail.example.local.p12")) {
            String info = openssl(
                    "pkcs12",
                    "-info",
                    "-noout",
                    "-passin",
                    "pass:changeit",
                    "-in",
                    data.resolve("tls").resolve(store).toString());
            assertThat(info)
                    .as(store)
                    .contains("MAC: sha256, Iteration 2048")
                    .contains("Iteration 2048, PRF hmacWithSHA256");
            assertThat(info).as(store).doesNotContain("Iteration 10000");
        }

        String restart = startAndStop(command);
        assertThat(restart).as("a restart with its certificates in place").doesNotContain("org.bouncycastle");
    }

    /** The output until the application says it started; then the process is stopped. */
    private static String startAndStop(List<String> command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(Layout.repo().toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.contains("Started SmtpServerApplication")) {
                    return output.toString();
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        throw new AssertionError("smtp-server ended before it started:\n" + output);
    }

    private static String openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }
}
