package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.mailserver.dns.ReverseLookupProperties;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.relay.delivery.DomainDelivery;
import dev.maillab.mailserver.relay.delivery.MxLookup;
import dev.maillab.mailserver.relay.queue.FileQueueStore;
import dev.maillab.mailserver.smtp.Outbound;
import dev.maillab.mailserver.smtp.QueueIds;
import dev.maillab.mailserver.smtp.SmtpProperties;
import dev.maillab.mailserver.tls.ClientTlsContext;
import dev.maillab.mailserver.tls.TlsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the relay (maillab.relay.*): the queue on disk under the mail root, the deliveries by MX through the DNS
 * server of {@code maillab.smtp.resolver}, STARTTLS trusting the lab CA when this host has TLS, bounces into the
 * local Maildirs, the {@link RelayObserver} (the event journal's) if the application has one, and the
 * {@link Outbound} the SMTP intake asks.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);

    @Bean
    QueueManager queueManager(
            RelayProperties relay,
            SmtpProperties smtp,
            ReverseLookupProperties dns,
            UsersProperties usersProperties,
            UserDirectory users,
            MailStore store,
            TlsProperties tlsProperties,
            ObjectProvider<SSLContext> serverTls,
            ObjectProvider<MeterRegistry> registry,
            ObjectProvider<RelayObserver> observer)
            throws IOException, GeneralSecurityException {
        FileQueueStore queue = FileQueueStore.open(relay.queueDirectoryUnder(usersProperties.mailRoot()));
        // without the lab's DNS server nothing is relayed (labOutbound below), and what a queue still holds waits:
        // the system's resolver is never asked, so no mail can find a server outside the lab
        MxLookup mx =
                dns.resolver().isBlank() ? MxLookup.withoutLabDns() : MxLookup.of(dns.dnsServer(), relay.dnsTimeout());
        // the lab CA exists once the server's context does (it made it); without TLS, deliveries are in clear
        SSLContext clientTls = serverTls.getIfAvailable() == null
                ? null
                : ClientTlsContext.trustingLabCa(tlsProperties.locatedUnder(usersProperties.mailRoot()));
        DomainDelivery delivery = new DomainDelivery(mx, relay.delivery(smtp.hostname()), clientTls);
        RelayLog log = new RelayLog();
        QueueIds ids = new QueueIds();
        Set<String> labDomains = Set.copyOf(relay.domains());
        Bounces bounces = new Bounces(smtp, users, store, labDomains::contains, ids, log);
        QueueManager manager =
                new QueueManager(queue, queue.directory(), delivery, bounces, relay, ids, log, Clock.systemUTC());
        registry.ifAvailable(manager::measure);
        observer.ifAvailable(manager::observe);
        return manager;
    }

    @Bean
    Outbound labOutbound(RelayProperties relay, ReverseLookupProperties dns, QueueManager queue) {
        if (dns.resolver().isBlank()) {
            log.warn(
                    "relaying is off: maillab.smtp.resolver names no DNS server, and the relay asks only the lab's"
                            + " (mail for {} is refused)",
                    relay.domains());
            return Outbound.NONE;
        }
        return new LabOutbound(relay, queue);
    }
}
