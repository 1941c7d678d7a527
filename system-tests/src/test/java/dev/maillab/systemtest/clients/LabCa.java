package dev.maillab.systemtest.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The lab CA that signs the servers' certificates: its PEM is {@code $MAILLAB_HOME/tls/ca.pem} on one machine
 * and {@code <mail-root>/.tls/ca.pem} in the container's mail volume (ARCHITECTURE.md, Network and names).
 */
final class LabCa {

    private LabCa() {}

    /** Where the stack wrote it, or null. */
    static Path find(Path home, Path mailRoot) {
        return Stream.of(home.resolve("tls/ca.pem"), mailRoot.resolve(".tls/ca.pem"))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(null);
    }

    static Path require(Path home, Path mailRoot) {
        Path ca = find(home, mailRoot);
        assertThat(ca)
                .as(
                        "the lab CA's PEM the smtp-server writes: %s (or %s)",
                        home.resolve("tls/ca.pem"), mailRoot.resolve(".tls/ca.pem"))
                .isNotNull();
        return ca;
    }

    /** What the README's keytool import and -Djavax.net.ssl.trustStore give a JVM: trust in the lab CA only. */
    static SSLSocketFactory socketFactory(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry(
                    "maillab-lab-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls.getSocketFactory();
    }
}
