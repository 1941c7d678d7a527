package dev.maillab.mailserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.maillab.testkit.TestProperties;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA and server key stores on disk: made once, reused, replaced when stale, and clear errors when broken. */
class TlsDirectoryTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    /** The defaults and {@code settings}, with the key stores in {@link #dir}. */
    private TlsProperties tls(Map<String, ?> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("directory", dir));
        all.putAll(settings);
        return TestProperties.bind(TlsProperties.class, all);
    }

    private SSLContext context() throws Exception {
        return ServerTlsContext.create(tls(Map.of()), "mail.example.local");
    }

    private KeyStore serverStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("mail.example.local.p12"))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private X509Certificate serverCertificate() throws Exception {
        return (X509Certificate) serverStore().getCertificate(ServerKeyStore.ALIAS);
    }

    /** A real TLS handshake over loopback: the server side layered as STARTTLS does, the client trusting ca.pem. */
    private void handshake(SSLContext server, String host) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (Socket plain = listener.accept()) {
                    new StartTlsSockets(server).createSSLSocket(plain).startHandshake();
                } catch (Exception e) {
                    // the client side reports what went wrong
                }
            });
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                plain.setSoTimeout(10_000);
                SSLSocket tls = (SSLSocket) CaTrust.trusting(dir.resolve("ca.pem"))
                        .getSocketFactory()
                        .createSocket(plain, host, plain.getPort(), true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();
            }
            accepted.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondStartKeepsTheCaAndTheServerCertificate() throws Exception {
        handshake(context(), "mail.example.local");
        byte[] pem = Files.readAllBytes(dir.resolve("ca.pem"));
        X509Certificate first = serverCertificate();

        handshake(context(), "localhost");
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(pem);
        assertThat(serverCertificate()).isEqualTo(first);
    }

    /** Octet for octet what Bouncy Castle's writer (and OpenSSL) make, so a ca.pem written before is not rewritten. */
    @Test
    void caPemIsWrittenAsOpenSslAndBouncyCastleWriteIt() throws Exception {
        context();
        X509Certificate ca = CaTrust.read(dir.resolve("ca.pem"));
        StringWriter expected = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(expected)) {
            pem.writeObject(ca);
        }
        assertThat(Files.readString(dir.resolve("ca.pem"), StandardCharsets.US_ASCII))
                .isEqualTo(expected.toString())
                .startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("\n-----END CERTIFICATE-----\n");
    }

    @Test
    void ipAddressesBecomeIpEntriesInTheirCanonicalForm() throws Exception {
        ServerTlsContext.create(
                tls(Map.of("subject-alt-names", List.of("172.19.0.3", "[::1]", "fd00:0:0::13"))), "mail.example.local");
        assertThat(SubjectAltNames.of(serverCertificate()).entries())
                .contains("IP:172.19.0.3", "IP:0:0:0:0:0:0:0:1", "IP:fd00:0:0:0:0:0:0:13", "DNS:mail.example.local");
        for (String bad : List.of("1::2::3", "fe80::g1", "256.1.1.1", "[mail.example.local]")) {
            assertThatThrownBy(() -> SubjectAltNames.of("mail.example.local", List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void aSelfSignedKeyStoreFromBeforeTheCaIsReplaced() throws Exception {
        // what earlier versions left: smtp.p12, and a self-signed key under the server's own name
        Files.writeString(dir.resolve("smtp.p12"), "old self-signed key store");
        KeyPair keys = LabCertificates.newKeyPair();
        X509Certificate selfSigned = LabCertificates.ca(keys, Instant.now());
        KeyStore old = KeyStore.getInstance("PKCS12");
        old.load(null, null);
        old.setKeyEntry(ServerKeyStore.ALIAS, keys.getPrivate(), PASSWORD, new Certificate[] {selfSigned});
        try (var out = Files.newOutputStream(dir.resolve("mail.example.local.p12"))) {
            old.store(out, PASSWORD);
        }

        handshake(context(), "mail.example.local");

        assertThat(dir.resolve("smtp.p12")).doesNotExist();
        Certificate[] chain = serverStore().getCertificateChain(ServerKeyStore.ALIAS);
        assertThat(chain).hasSize(2);
        assertThat(chain[1]).isEqualTo(CaTrust.read(dir.resolve("ca.pem")));
        assertThat(chain[0]).isNotEqualTo(selfSigned);
    }

    @Test
    void otherConfiguredNamesMakeANewServerCertificateUnderTheSameCa() throws Exception {
        context();
        byte[] pem = Files.readAllBytes(dir.resolve("ca.pem"));
        SSLContext renamed = ServerTlsContext.create(
                tls(Map.of("subject-alt-names", "mail.example.local,imap.example.local")), "mail.example.local");

        handshake(renamed, "imap.example.local");
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(pem);
        assertThatThrownBy(() -> handshake(renamed, "localhost")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aCorruptServerKeyStoreIsMadeAgain() throws Exception {
        context();
        Files.write(dir.resolve("mail.example.local.p12"), new byte[] {0x30, 0x03, 0x02, 0x01});
        handshake(context(), "mail.example.local");
    }

    @Test
    void aDeletedCaPemComesBackFromTheCaKeyStore() throws Exception {
        context();
        byte[] pem = Files.readAllBytes(dir.resolve("ca.pem"));
        Files.delete(dir.resolve("ca.pem"));
        handshake(context(), "mail.example.local");
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(pem);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.pem"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aCorruptCaStopsTheStartWithAMessageNamingTheFile() throws Exception {
        context();
        Files.writeString(dir.resolve("ca.p12"), "garbage");
        assertThatThrownBy(this::context)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("ca.p12").toString())
                .hasMessageContaining("corrupt file or wrong password")
                .hasMessageContaining("delete it");
        // never silently replaced: clients trust this CA
        assertThat(Files.readString(dir.resolve("ca.p12"))).isEqualTo("garbage");
    }

    @Test
    void aCaUnderAnotherPasswordStopsTheStartNamingTheProperty() throws Exception {
        context();
        assertThatThrownBy(() -> ServerTlsContext.create(tls(Map.of("password", "other")), "mail.example.local"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maillab.tls.password");
    }

    @Test
    void anUnreadableCaStopsTheStartSayingSo() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        context();
        Files.setPosixFilePermissions(dir.resolve("ca.p12"), PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(this::context)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("ca.p12").toString())
                .hasMessageContaining("permission denied");
    }

    @Test
    void aSubjectAltNameThatIsNeitherNameNorAddressIsRefused() {
        assertThatThrownBy(() -> ServerTlsContext.create(
                        tls(Map.of("subject-alt-names", List.of("mail example"))), "mail.example.local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maillab.tls.subject-alt-names")
                .hasMessageContaining("'mail example'");
        assertThatThrownBy(() ->
                        ServerTlsContext.create(tls(Map.of("subject-alt-names", "999.1.2.3")), "mail.example.local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'999.1.2.3'");
    }

    @Test
    void policyAcceptsOnlyForwardSecretAeadSuites() {
        assertThat(TlsPolicy.acceptable("TLS_AES_128_GCM_SHA256")).isTrue();
        assertThat(TlsPolicy.acceptable("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                .isTrue();
        assertThat(TlsPolicy.acceptable("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"))
                .isTrue();
        for (String weak : List.of(
                "TLS_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDH_anon_WITH_AES_128_GCM_SHA256",
                "SSL_RSA_WITH_RC4_128_SHA",
                "SSL_RSA_WITH_3DES_EDE_CBC_SHA",
                "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
                "TLS_DH_anon_WITH_AES_128_GCM_SHA256")) {
            assertThat(TlsPolicy.acceptable(weak)).as(weak).isFalse();
        }
    }
}
