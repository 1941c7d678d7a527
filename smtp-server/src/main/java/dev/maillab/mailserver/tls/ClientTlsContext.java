package dev.maillab.mailserver.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side's SSLContext, for this host's deliveries to the lab's other servers: it trusts the lab CA
 * ({@code ca.pem} in the TLS directory, which {@link ServerTlsContext#create} makes) and nothing else, so a server
 * that shows another certificate fails the handshake.
 */
public final class ClientTlsContext {

    private ClientTlsContext() {}

    /** @param tls with its directory set (see {@link TlsProperties#locatedUnder}), after the server's context exists */
    public static SSLContext trustingLabCa(TlsProperties tls) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ServerTlsContext.caPem(tls))) {
            trust.setCertificateEntry(
                    "lab-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
