package dev.maillab.mailserver.tls;

import dev.maillab.mailserver.smtp.SmtpProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One SSLContext for SMTP STARTTLS and POP3 STLS, so both show the same certificate and follow one policy. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "maillab.smtp.tls", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TlsConfiguration {

    /** The bean name the POP3 side looks up. */
    public static final String MAIL_TLS_CONTEXT = "mailTlsContext";

    @Bean(MAIL_TLS_CONTEXT)
    SSLContext mailTlsContext(TlsProperties tls, SmtpProperties smtp) throws IOException, GeneralSecurityException {
        return serverContext(tls, smtp.hostname());
    }

    /**
     * The server-side context: the lab CA and the server's key store in {@code maillab.tls.directory}, made or
     * replaced as needed (see {@link LabCa}, {@link ServerKeyStore}), under {@link TlsPolicy}.
     */
    public static SSLContext serverContext(TlsProperties tls, String hostname)
            throws IOException, GeneralSecurityException {
        TlsPolicy.rejectClientRenegotiation();
        char[] password = tls.password().toCharArray();
        SubjectAltNames names = SubjectAltNames.of(hostname, tls.subjectAltNames());
        KeyStore store;
        try (TlsDirectory dir = TlsDirectory.open(tls.directoryOrDefault())) {
            LabCa ca = LabCa.loadOrCreate(dir, password);
            store = ServerKeyStore.loadOrCreate(dir, hostname, names, password, ca);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return TlsPolicy.enforce(context);
    }

    /** The PEM clients trust, {@code <maillab.tls.directory>/ca.pem}. */
    public static Path caPem(TlsProperties tls) {
        return tls.directoryOrDefault().toAbsolutePath().normalize().resolve(LabCa.PEM);
    }
}
