package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.dns.ReverseResolver;
import dev.maillab.mailserver.maildir.MailRootSpace;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.tls.TlsConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the SMTP intake. */
@Configuration(proxyBeanMethods = false)
public class SmtpConfiguration {

    @Bean
    SmtpServer smtpServer(
            SmtpProperties properties,
            UserDirectory users,
            MailStore store,
            MailRootSpace space,
            ReverseResolver resolver,
            ObjectProvider<MeterRegistry> registry,
            @Qualifier(TlsConfiguration.MAIL_TLS_CONTEXT) ObjectProvider<SSLContext> tls) {
        return new SmtpServer(
                properties,
                users,
                store,
                space::hasRoomFor,
                resolver,
                registry.getIfAvailable(SimpleMeterRegistry::new),
                tls.getIfAvailable());
    }
}
