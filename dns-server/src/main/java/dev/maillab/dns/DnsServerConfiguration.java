package dev.maillab.dns;

import dev.maillab.dns.events.QueryEventRecorder;
import dev.maillab.dns.fault.FaultFileWatcher;
import dev.maillab.dns.fault.FaultMetrics;
import dev.maillab.dns.fault.FaultRules;
import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.query.Forwarder;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.transport.AnswerListener;
import dev.maillab.dns.transport.DnsServer;
import dev.maillab.dns.transport.TransportSettings;
import dev.maillab.dns.zone.ZoneReloader;
import dev.maillab.dns.zone.ZoneStore;
import dev.maillab.dns.zone.ZonesHealthIndicator;
import dev.maillab.events.EventJournal;
import dev.maillab.events.EventsProperties;
import dev.maillab.events.StreamSlots;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the zone store, the answering logic, the transports, the health indicator and the console's event journal
 * from {@link DnsProperties} and {@link EventsProperties}; the server listens once the context is up.
 * {@link EmbeddedDnsServer} builds the same graph through these methods (without events).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class DnsServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DnsServerConfiguration.class);

    @Bean
    ZoneStore zoneStore(DnsProperties properties) {
        ZoneStore store = ZoneStore.load(properties.namedConf());
        store.current().conf().listenPort().ifPresent(port -> {
            if (port != properties.port()) {
                log.info(
                        "named.conf says listen-on port {}; listening on maillab.dns.port={} instead",
                        port,
                        properties.port());
            }
        });
        return store;
    }

    @Bean(destroyMethod = "close")
    ZoneReloader zoneReloader(ZoneStore store, DnsProperties properties) {
        return new ZoneReloader(store, properties.reloadInterval());
    }

    @Bean
    QueryMetrics queryMetrics(MeterRegistry registry) {
        return new QueryMetrics(registry);
    }

    @Bean
    FaultRules faultRules(DnsProperties properties) {
        return new FaultRules(
                properties.faults().maxRules(), properties.faults().maxDelay());
    }

    /** Only with {@code maillab.dns.faults.file} set. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("maillab.dns.faults.file")
    FaultFileWatcher faultFileWatcher(FaultRules rules, DnsProperties properties) {
        return new FaultFileWatcher(properties.faults().file(), rules, properties.reloadInterval());
    }

    @Bean
    QueryProcessor queryProcessor(
            ZoneStore store,
            QueryMetrics metrics,
            DnsProperties properties,
            FaultRules faults,
            MeterRegistry registry) {
        return new QueryProcessor(
                store,
                new Forwarder(properties.forwardTimeout()),
                metrics,
                properties.ednsUdpPayload(),
                properties.answerCacheEntries(),
                faults,
                new FaultMetrics(registry));
    }

    /** What dns-server tells the web console ({@code GET /api/events}). */
    @Bean
    EventJournal eventJournal(EventsProperties properties) {
        return new EventJournal(properties);
    }

    @Bean
    StreamSlots eventStreamSlots(EventsProperties properties) {
        return new StreamSlots(properties);
    }

    /** A dns.query event per answer; with events off the transports are told nothing and do no work for them. */
    @Bean
    AnswerListener answerListener(EventJournal journal, DnsProperties properties, MeterRegistry registry) {
        if (!journal.enabled()) {
            return AnswerListener.NONE;
        }
        QueryEventRecorder recorder =
                new QueryEventRecorder(journal, properties.eventAnswers(), properties.eventCacheEntries());
        FunctionCounter.builder("dns.events.failed", recorder, QueryEventRecorder::failures)
                .description("answers sent whose dns.query event could not be recorded")
                .register(registry);
        return recorder;
    }

    @Bean(destroyMethod = "close")
    DnsServer dnsServer(QueryProcessor processor, DnsProperties properties, AnswerListener answers)
            throws InterruptedException, UnknownHostException {
        TransportSettings settings = new TransportSettings(
                InetAddress.getByName(properties.address()),
                properties.port(),
                properties.udpSockets(),
                properties.tcpIdleTimeout(),
                properties.tcpMaxConnections(),
                properties.maxMessageSize(),
                properties.tcpMaxConnectionsPerClient());
        return new DnsServer(settings, processor, answers).start();
    }

    /** Health name {@code dns}, from the bean name. */
    @Bean
    ZonesHealthIndicator dnsHealthIndicator(ZoneStore store, DnsServer server) {
        return new ZonesHealthIndicator(store, server::isListening, server::port);
    }
}
