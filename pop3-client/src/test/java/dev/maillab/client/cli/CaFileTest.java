package dev.maillab.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.client.Pop3ClientApplication;
import dev.maillab.client.check.CheckResult;
import dev.maillab.labservers.LabServers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * --cafile against the real smtp-server's STLS, its certificate signed by the lab CA the server made on its start:
 * that CA's PEM passes, another CA (made here with the JDK's keytool) fails with one clear line and exit 2, and so
 * does the right CA when the host name is not one the certificate names.
 */
@Timeout(120)
class CaFileTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final LabServers lab = new LabServers();

    @BeforeAll
    static void start() throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "other",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=some other CA",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                "other.p12");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-file", "other.pem");
    }

    static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String host, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--host",
                host,
                "--port",
                Integer.toString(lab.pop3Port()),
                "--resolver",
                lab.resolver(),
                "--user",
                "test",
                "--password",
                "password",
                "--expect-count",
                "0",
                "--tls",
                "--timeout",
                "5s"));
        args.addAll(List.of(extra));
        return Pop3ClientApplication.execute(
                args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theLabCaIsTrustedAndTheConnectionIsEncrypted() {
        int code = check("mail.example.local", "--cafile", lab.caPem().toString());
        assertThat(code).as(out + "\n" + err).isEqualTo(CheckResult.PASSED);
        assertThat(out.toString()).contains("\nTLS established: TLS");
    }

    @Test
    void anotherCaFailsWithOneClearLineAndExitTwo() {
        int code =
                check("mail.example.local", "--cafile", dir.resolve("other.pem").toString());
        assertThat(code).isEqualTo(CheckResult.ERROR);
        assertThat(err.toString().strip())
                .doesNotContain("\n")
                .startsWith("pop3-client: ERROR: TLS handshake with mail.example.local failed: the server's "
                        + "certificate is not signed by a trusted CA");
        assertThat(out.toString()).doesNotContain("USER test");
    }

    @Test
    void theRightCaForTheWrongNameFails() {
        // app-server.example.local is where mail.example.local is (127.0.0.1), but the certificate does not name it
        int code = check("app-server.example.local", "--cafile", lab.caPem().toString());
        assertThat(code).isEqualTo(CheckResult.ERROR);
        assertThat(err.toString()).contains("TLS handshake with app-server.example.local failed");
        assertThat(out.toString()).doesNotContain("USER test");
    }

    @Test
    void aFileThatIsNoCertificateIsExitTwoWithoutConnecting() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        assertThat(check("mail.example.local", "--cafile", junk.toString())).isEqualTo(CheckResult.ERROR);
        assertThat(err.toString()).startsWith("pop3-client: --cafile " + junk + ": not a PEM certificate file");
        assertThat(check(
                        "mail.example.local",
                        "--cafile",
                        dir.resolve("missing.pem").toString()))
                .isEqualTo(CheckResult.ERROR);
        assertThat(err.toString()).contains("missing.pem: no such file");
        assertThat(out.toString()).isEmpty();
    }
}
