package dev.maillab.mailserver.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Makes the server side's SSLContext, the one SMTP STARTTLS and POP3 STLS share. */
public final class ServerTlsContext {

    private ServerTlsContext() {}

    /**
     * The lab CA and the server's key store for {@code hostname} in {@code tls.directory()} (which must be set, see
     * {@link TlsProperties#locatedUnder}), made or replaced as needed (see {@link LabCa}, {@link ServerKeyStore}),
     * under {@link TlsPolicy}.
     */
    public static SSLContext create(TlsProperties tls, String hostname) throws IOException, GeneralSecurityException {
        TlsPolicy.rejectClientRenegotiation();
        char[] password = tls.password().toCharArray();
        SubjectAltNames names = SubjectAltNames.of(hostname, tls.subjectAltNames());
        KeyStore store;
        try (TlsDirectory dir = TlsDirectory.open(Objects.requireNonNull(tls.directory(), "maillab.tls.directory"))) {
            LabCa ca = LabCa.loadOrCreate(dir, password);
            store = ServerKeyStore.loadOrCreate(dir, hostname, names, password, ca);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return TlsPolicy.enforce(context);
    }

    /** The PEM clients trust, {@code <directory>/ca.pem}. */
    public static Path caPem(TlsProperties tls) {
        return Objects.requireNonNull(tls.directory(), "maillab.tls.directory")
                .toAbsolutePath()
                .normalize()
                .resolve(LabCa.PEM);
    }
}
