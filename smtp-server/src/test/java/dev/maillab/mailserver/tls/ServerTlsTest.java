package dev.maillab.mailserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maillab.testkit.Pop3Connection;
import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that trusts only {@code ca.pem} reaches the server over SMTP STARTTLS and POP3 STLS with standard
 * certificate and host name checks, for the names mail clients of the lab use; and what TLS the server refuses.
 */
class ServerTlsTest {

    @TempDir
    static Path dir;

    static Path tlsDir;
    static InProcessMailServer server;

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("users");
        Files.copy(Path.of("../config/users"), users);
        tlsDir = dir.resolve("tls");
        server = new InProcessMailServer(users, null, dir.resolve("mail"), tlsDir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path caPem() {
        return tlsDir.resolve("ca.pem");
    }

    private static SSLSocket smtpStartTls(SSLContext client, String host, String... protocols) throws Exception {
        return smtpStartTls(client, host, protocols, null);
    }

    private static SSLSocket smtpStartTls(SSLContext client, String host, String[] protocols, String[] suites)
            throws Exception {
        SmtpConnection c = new SmtpConnection("127.0.0.1", server.smtpPort());
        assertThat(c.greeting().code()).isEqualTo(220);
        assertThat(c.command("EHLO client.example.local").code()).isEqualTo(250);
        assertThat(c.command("STARTTLS").code()).isEqualTo(220);
        SSLSocket tls = c.handshake(client, host, protocols, suites);
        assertThat(c.command("EHLO client.example.local").code()).isEqualTo(250);
        return tls;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.local", "localhost", "127.0.0.1", "smtp-server.example.local"})
    void smtpStartTlsVerifiesAgainstCaPemForTheLabsNames(String host) throws Exception {
        SSLSocket tls = smtpStartTls(CaTrust.trusting(caPem()), host);
        try (tls) {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            X509Certificate ca = CaTrust.read(caPem());
            ((X509Certificate) chain[0]).verify(ca.getPublicKey());
            assertThat(((X509Certificate) chain[0]).getSubjectX500Principal().getName())
                    .contains("CN=mail.example.local");
        }
    }

    @Test
    void aNameNotInTheCertificateFailsHostNameVerification() throws Exception {
        assertThatThrownBy(() -> smtpStartTls(CaTrust.trusting(caPem()), "evil.example.org"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void pop3StlsVerifiesAgainstCaPem() throws Exception {
        try (Pop3Connection c = new Pop3Connection(server.pop3Port())) {
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.command("STLS")).startsWith("+OK");
            c.handshake(CaTrust.trusting(caPem()), "mail.example.local");
            assertThat(c.command("USER test")).startsWith("+OK");
            assertThat(c.command("PASS password")).startsWith("+OK");
        }
    }

    @Test
    void caPemIsWorldReadableAndTheKeysAreNot() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caPem())))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tlsDir.resolve("ca.p12"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(tlsDir.resolve("mail.example.local.p12"))))
                .isEqualTo("rw-------");
        X509Certificate ca = CaTrust.read(caPem());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(Files.readString(caPem(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void openSslVerifiesTheChainAndHostName() throws Exception {
        assumeTrue(openSsl(), "openssl is not installed");
        for (String[] dialog : List.of(
                new String[] {"smtp", String.valueOf(server.smtpPort())},
                new String[] {"pop3", String.valueOf(server.pop3Port())})) {
            OpenSsl good = sClient(dialog[0], dialog[1], "localhost");
            assertThat(good.exit).as(good.output).isZero();
            assertThat(good.output).contains("Verification: OK");
            OpenSsl bad = sClient(dialog[0], dialog[1], "evil.example.org");
            assertThat(bad.exit).as(bad.output).isNotZero();
        }
    }

    private record OpenSsl(int exit, String output) {}

    private static boolean openSsl() {
        try {
            Process p = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static OpenSsl sClient(String protocol, String port, String host) throws Exception {
        Process p = new ProcessBuilder(
                        "openssl",
                        "s_client",
                        "-brief",
                        "-starttls",
                        protocol,
                        "-connect",
                        "127.0.0.1:" + port,
                        "-CAfile",
                        caPem().toString(),
                        "-verify_hostname",
                        host,
                        "-verify_return_error")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new OpenSsl(p.exitValue(), output);
    }

    @Test
    void smtpRefusesClientInitiatedRenegotiation() throws Exception {
        SSLSocket tls = smtpStartTls(CaTrust.trusting(caPem()), "localhost", "TLSv1.2");
        try (tls) {
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(renegotiationRefused(tls, "EHLO again")).isTrue();
        }
    }

    @Test
    void pop3RefusesClientInitiatedRenegotiation() throws Exception {
        try (Pop3Connection c = new Pop3Connection(server.pop3Port())) {
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.command("STLS")).startsWith("+OK");
            SSLSocket tls = c.handshake(CaTrust.trusting(caPem()), "localhost", "TLSv1.2");
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(c.command("USER test")).startsWith("+OK");
            assertThat(renegotiationRefused(tls, "PASS password")).isTrue();
        }
    }

    /** A second handshake fails, or the server ends the connection instead of answering after it. */
    private static boolean renegotiationRefused(SSLSocket tls, String command) {
        try {
            tls.startHandshake();
            tls.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return tls.getInputStream().read() == -1;
        } catch (IOException refused) {
            return true;
        }
    }

    @Test
    void tls13AndTls12WorkAndTls11IsRefused() throws Exception {
        try (SSLSocket tls = smtpStartTls(CaTrust.trusting(caPem()), "localhost", "TLSv1.3")) {
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        assertThatThrownBy(() -> smtpStartTls(CaTrust.trusting(caPem()), "localhost", "TLSv1.1"))
                .isInstanceOf(IOException.class);
    }

    /** CBC suites the JDK client would happily use: without the server's policy these handshakes succeed. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"
            })
    void cbcSuitesAreRefused(String suite) throws Exception {
        assertThatThrownBy(() -> smtpStartTls(
                        CaTrust.trusting(caPem()), "localhost", new String[] {"TLSv1.2"}, new String[] {suite}))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theServersEnabledSuitesAreForwardSecretAead() {
        SSLContext context = server.context.getBean(SSLContext.class);
        javax.net.ssl.SSLEngine engine = context.createSSLEngine();
        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getEnabledCipherSuites())
                .isNotEmpty()
                .allSatisfy(suite -> assertThat(suite)
                        .doesNotContain("_anon_", "_NULL_", "_RC4_", "_3DES_", "_DES_", "_CBC_", "_EXPORT")
                        .matches("TLS_(AES|CHACHA20)_.*|TLS_(EC)?DHE_.*"));
    }
}
