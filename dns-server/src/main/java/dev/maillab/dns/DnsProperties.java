package dev.maillab.dns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code maillab.dns.*}. The defaults run the one-machine lab from the repository root.
 *
 * @param namedConf          the BIND configuration to serve (zone files are found from it)
 * @param address            listen address (0.0.0.0 in a container)
 * @param port               UDP and TCP port; wins over named.conf's {@code listen-on port}
 * @param reloadInterval     how often named.conf and the zone files are checked for changes
 * @param udpSockets         UDP sockets sharing the port, one thread each; 0 = one per core
 * @param tcpIdleTimeout     TCP connections with no complete query for this long are closed
 * @param tcpMaxConnections  concurrent TCP connections; more are closed at once
 * @param tcpMaxConnectionsPerClient concurrent TCP connections from one address; more from it are closed at once
 * @param maxMessageSize     the largest query accepted; a longer TCP frame closes its connection
 * @param ednsUdpPayload     the EDNS UDP payload size advertised and honoured (1232: no IP fragmentation)
 * @param forwardTimeout     bound on one forwarded query (names outside our zones, when forwarders are set)
 * @param answerCacheEntries pre-built answers kept per zone snapshot
 * @param eventAnswers       answer lines one {@code dns.query} event keeps (the rest are counted); the events
 *                           themselves are {@code maillab.events.*}
 * @param eventCacheEntries  answers (up to 512 bytes) whose event fields are kept serialized, by their bytes
 * @param faults             fault rules on purpose ({@code maillab.dns.faults.*})
 */
@ConfigurationProperties("maillab.dns")
public record DnsProperties(
        @DefaultValue("zones/named.conf") Path namedConf,
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue("1053") int port,
        @DefaultValue("2s") Duration reloadInterval,
        @DefaultValue("0") int udpSockets,
        @DefaultValue("30s") Duration tcpIdleTimeout,
        @DefaultValue("256") int tcpMaxConnections,
        @DefaultValue("4096") int maxMessageSize,
        @DefaultValue("1232") int ednsUdpPayload,
        @DefaultValue("2s") Duration forwardTimeout,
        @DefaultValue("10000") int answerCacheEntries,
        @DefaultValue("32") int tcpMaxConnectionsPerClient,
        @DefaultValue("20") int eventAnswers,
        @DefaultValue("1000") int eventCacheEntries,
        @DefaultValue Faults faults) {

    public DnsProperties {
        if (eventAnswers < 0 || eventCacheEntries < 0) {
            throw new IllegalArgumentException("maillab.dns.event-answers and event-cache-entries must be at least 0");
        }
    }

    /**
     * {@code maillab.dns.faults.*}: rules that make chosen queries fail, go unanswered or answer late.
     *
     * @param file         the rules file, checked every {@code reload-interval}; null = none
     * @param maxRules     rules in force at most, the file's and those added over HTTP together
     * @param maxDelay     the longest {@code delay=} a rule may have
     * @param adminClients the client addresses {@code /api/faults} answers (BIND address match list elements:
     *                     {@code localhost}, {@code 172.18.0.0/16}, {@code !10.0.0.1}); others get a 403
     */
    public record Faults(
            Path file,
            @DefaultValue("1000") int maxRules,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("localhost") List<String> adminClients) {

        public Faults {
            if (maxRules < 0 || maxDelay.isNegative()) {
                throw new IllegalArgumentException("maillab.dns.faults.max-rules and max-delay must be at least 0");
            }
        }
    }
}
