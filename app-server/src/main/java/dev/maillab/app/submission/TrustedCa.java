package dev.maillab.app.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS client context of submission: it trusts the CA certificates of one PEM file (the lab CA's
 * {@code ca.pem}) and nothing else, the way smtp-server's own relay trusts only the lab CA; without a file, the
 * JVM's default trust store, as any application would.
 */
public final class TrustedCa {

    private TrustedCa() {}

    /** @throws IllegalStateException when the file cannot be read or holds no certificate */
    public static SSLContext context(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(caFile)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException("maillab.app.submission.ca-file: " + caFile + " holds no certificate");
            }
            int n = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "maillab.app.submission.ca-file: cannot read CA certificates from " + caFile + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
