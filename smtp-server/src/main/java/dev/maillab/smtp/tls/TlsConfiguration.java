package dev.maillab.smtp.tls;

import dev.maillab.smtp.smtp.SmtpProperties;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One SSLContext for SMTP STARTTLS and POP3 STLS, so both show the same certificate. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "maillab.smtp.tls", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TlsConfiguration {

    /** The bean name the POP3 side looks up. */
    public static final String MAIL_TLS_CONTEXT = "mailTlsContext";

    @Bean(MAIL_TLS_CONTEXT)
    SSLContext mailTlsContext(SmtpProperties properties) throws IOException, GeneralSecurityException {
        return serverContext(properties);
    }

    /** The server-side context from the configured key store (made on first use). */
    public static SSLContext serverContext(SmtpProperties properties) throws IOException, GeneralSecurityException {
        char[] password = properties.tls().password().toCharArray();
        KeyStore store = SelfSignedKeystore.loadOrCreate(properties.tls().keystoreOrDefault(),
                properties.hostname(), password);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
