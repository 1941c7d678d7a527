package dev.maillab.pop3client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.maillab.pop3client.Pop3ClientApplication;
import dev.maillab.pop3client.check.CheckResult;
import dev.maillab.testkit.LabServers;

/**
 * --cafile against the real smtp-server's STLS, its certificate for mail.example.local signed by a CA made here
 * with the JDK's keytool: that CA passes, another CA fails with one clear line and exit 2, and so does the right CA
 * when the host name is not the certificate's.
 */
@Timeout(120)
class CaFileTest {

    @TempDir
    static Path dir;

    static LabServers lab;

    @BeforeAll
    static void start() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=maillab test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=some other CA", "-ext", "bc:c", "-validity", "2", "-keystore", "other.p12");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-file", "other.pem");
        keytool("-genkeypair", "-alias", "mail", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=mail.example.local", "-validity", "2", "-keystore", "smtp.p12");
        keytool("-certreq", "-alias", "mail", "-keystore", "smtp.p12", "-file", "mail.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "mail.csr", "-outfile", "mail.pem",
                "-rfc", "-validity", "2", "-ext", "san=dns:mail.example.local");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "smtp.p12");
        keytool("-importcert", "-alias", "mail", "-file", "mail.pem", "-keystore", "smtp.p12");
        lab = new LabServers(dir.resolve("smtp.p12"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String host, String... extra) {
        List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(lab.pop3Port()),
                "--resolver", lab.resolver(), "--user", "test", "--password", "password", "--expect-count", "0",
                "--tls", "--timeout", "5s"));
        args.addAll(List.of(extra));
        return Pop3ClientApplication.execute(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    @Test
    void theLabCaIsTrustedAndTheConnectionIsEncrypted() {
        int code = check("mail.example.local", "--cafile", dir.resolve("ca.pem").toString());
        assertThat(code).as(out + "\n" + err).isEqualTo(CheckResult.PASSED);
        assertThat(out.toString()).contains("\nTLS established: TLS");
    }

    @Test
    void anotherCaFailsWithOneClearLineAndExitTwo() {
        int code = check("mail.example.local", "--cafile", dir.resolve("other.pem").toString());
        assertThat(code).isEqualTo(CheckResult.ERROR);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("pop3-check: ERROR: TLS handshake with mail.example.local failed: the server's "
                        + "certificate is not signed by a trusted CA");
        assertThat(out.toString()).doesNotContain("USER test");
    }

    @Test
    void theRightCaForTheWrongNameFails() {
        // 127.0.0.1 is where mail.example.local is, but the certificate does not name it
        int code = check("127.0.0.1", "--cafile", dir.resolve("ca.pem").toString());
        assertThat(code).isEqualTo(CheckResult.ERROR);
        assertThat(err.toString()).contains("TLS handshake with 127.0.0.1 failed");
        assertThat(out.toString()).doesNotContain("USER test");
    }

    @Test
    void aFileThatIsNoCertificateIsExitTwoWithoutConnecting() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        assertThat(check("mail.example.local", "--cafile", junk.toString())).isEqualTo(CheckResult.ERROR);
        assertThat(err.toString()).startsWith("pop3-check: --cafile " + junk + ": not a PEM certificate file");
        assertThat(check("mail.example.local", "--cafile", dir.resolve("missing.pem").toString()))
                .isEqualTo(CheckResult.ERROR);
        assertThat(err.toString()).contains("missing.pem: no such file");
        assertThat(out.toString()).isEmpty();
    }
}
