package dev.maillab.mailserver.pop3;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.maildir.MaildropStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the POP3 server; STLS is offered when the application has an SSLContext (see maillab.tls.enabled), and a
 * {@link Pop3Observer}, if the application has one, hears of every session.
 */
@Configuration(proxyBeanMethods = false)
public class Pop3Configuration {

    @Bean
    Pop3Server pop3Server(
            Pop3Properties properties,
            UserDirectory users,
            MaildropStore store,
            ObjectProvider<MeterRegistry> registry,
            ObjectProvider<SSLContext> tls,
            ObjectProvider<Pop3Observer> observer) {
        return new Pop3Server(
                properties,
                users,
                store,
                registry.getIfAvailable(SimpleMeterRegistry::new),
                tls.getIfAvailable(),
                observer.getIfAvailable(() -> Pop3Observer.NONE));
    }

    @Bean
    Pop3HealthIndicator pop3HealthIndicator(Pop3Server server, Pop3Properties properties) {
        return new Pop3HealthIndicator(server, properties);
    }
}
