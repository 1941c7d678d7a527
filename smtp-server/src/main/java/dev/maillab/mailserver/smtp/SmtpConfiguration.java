package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.dns.ReverseResolver;
import dev.maillab.mailserver.maildir.MailRootSpace;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.net.ConnectionLimits;
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
    MailLog mailLog() {
        return new MailLog();
    }

    @Bean
    SmtpMetrics smtpMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SmtpMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    SmtpSessions smtpSessions(
            SmtpProperties properties, ReverseResolver resolver, MailLog mailLog, SmtpMetrics metrics) {
        return new SmtpSessions(
                resolver,
                mailLog,
                metrics,
                new ConnectionLimits(properties.maxConnections(), properties.maxConnectionsPerClient()),
                properties.hostname());
    }

    @Bean
    DataMemory dataMemory(SmtpProperties properties, SmtpMetrics metrics) {
        DataMemory memory = new DataMemory(properties.dataMemory().toBytes());
        metrics.dataMemory(memory);
        return memory;
    }

    @Bean
    SmtpServer smtpServer(
            SmtpProperties properties,
            UserDirectory users,
            MailStore store,
            SmtpSessions sessions,
            SmtpMetrics metrics,
            MailLog mailLog,
            DataMemory dataMemory,
            MailRootSpace space,
            @Qualifier(TlsConfiguration.MAIL_TLS_CONTEXT) ObjectProvider<SSLContext> tls) {
        MessageIntake.Services services = new MessageIntake.Services(
                properties,
                new RecipientPolicy(properties, users),
                store,
                mailLog,
                metrics,
                new QueueIds(),
                dataMemory,
                space::hasRoomFor);
        return new SmtpServer(
                properties,
                users,
                sessions,
                new MessageIntakeFactory(sessions, services),
                metrics,
                mailLog,
                tls.getIfAvailable());
    }
}
