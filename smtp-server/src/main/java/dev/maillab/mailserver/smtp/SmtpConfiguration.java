package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.dns.ReverseResolver;
import dev.maillab.mailserver.maildir.MailRootSpace;
import dev.maillab.mailserver.maildir.MailStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the SMTP intake; STARTTLS is offered when the application has an SSLContext (see maillab.tls.enabled), an
 * {@link SmtpObserver}, if the application has one, hears of every session, and an {@link Outbound} (the relay
 * feature's) takes the mail for the lab's other domains, {@link SmtpFaults} (the fault feature's) may answer on
 * purpose, and a {@link SenderAuthentication} (the senderauth feature's) signs and checks senders.
 */
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
            ObjectProvider<SSLContext> tls,
            ObjectProvider<SmtpObserver> observer,
            ObjectProvider<Outbound> outbound,
            ObjectProvider<SmtpFaults> faults,
            ObjectProvider<SenderAuthentication> senderAuthentication) {
        return new SmtpServer(
                properties,
                new SmtpServer.Parts(
                        users,
                        store,
                        space::hasRoomFor,
                        resolver,
                        registry.getIfAvailable(SimpleMeterRegistry::new),
                        tls.getIfAvailable(),
                        observer.getIfAvailable(() -> SmtpObserver.NONE),
                        outbound.getIfAvailable(() -> Outbound.NONE),
                        faults.getIfAvailable(() -> SmtpFaults.NONE),
                        senderAuthentication.getIfAvailable(() -> SenderAuthentication.NONE)));
    }

    @Bean
    SmtpHealthIndicator smtpHealthIndicator(SmtpServer server) {
        return new SmtpHealthIndicator(server);
    }
}
