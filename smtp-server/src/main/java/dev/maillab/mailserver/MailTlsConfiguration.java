package dev.maillab.mailserver;

import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.mailserver.smtp.SmtpProperties;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.mailserver.tls.TlsEnabled;
import dev.maillab.mailserver.tls.TlsProperties;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The one SSLContext of this host, for SMTP STARTTLS and POP3 STLS alike, so both show the same certificate and
 * follow one policy; without it ({@code maillab.tls.enabled=false}) neither is offered. It is wired here, beside the
 * application, because it joins three features: the certificate is {@code tls}'s, the name it is made for is
 * {@code maillab.smtp.hostname}, and its directory defaults to one under {@code maillab.users.mail-root}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TlsEnabled.class)
public class MailTlsConfiguration {

    @Bean
    SSLContext mailTlsContext(TlsProperties tls, UsersProperties users, SmtpProperties smtp)
            throws IOException, GeneralSecurityException {
        return ServerTlsContext.create(tls.locatedUnder(users.mailRoot()), smtp.hostname());
    }
}
