package dev.maillab.smtp.smtp;

import dev.maillab.smtp.auth.UserDirectory;
import dev.maillab.smtp.dns.ReverseResolver;
import dev.maillab.smtp.maildir.MailStore;
import dev.maillab.smtp.tls.TlsConfiguration;
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
    MailLog mailLog() {
        return new MailLog();
    }

    @Bean
    SmtpMetrics smtpMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SmtpMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    SmtpSessions smtpSessions(ReverseResolver resolver, MailLog mailLog, SmtpMetrics metrics) {
        return new SmtpSessions(resolver, mailLog, metrics);
    }

    @Bean
    SmtpServer smtpServer(SmtpProperties properties, UserDirectory users, MailStore store, SmtpSessions sessions,
            SmtpMetrics metrics, MailLog mailLog,
            @Qualifier(TlsConfiguration.MAIL_TLS_CONTEXT) ObjectProvider<SSLContext> tls) {
        MessageIntake.Services services = new MessageIntake.Services(properties,
                new RecipientPolicy(properties, users), store, mailLog, metrics, new QueueIds(),
                new DataMemory(properties.dataMemory().toBytes()));
        return new SmtpServer(properties, users, sessions, new MessageIntakeFactory(sessions, services), metrics,
                mailLog, tls.getIfAvailable());
    }
}
