package dev.maillab.dns;

import dev.maillab.dns.fault.FaultRules;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.transport.AnswerListener;
import dev.maillab.dns.transport.DnsServer;
import dev.maillab.dns.zone.ZoneReloader;
import dev.maillab.dns.zone.ZoneStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The DNS server without Spring's context, for other modules' tests: {@code try (var dns =
 * EmbeddedDnsServer.start(conf)) { resolver = dns.resolverAddress() ... }}. The same parts as the service
 * (DnsServerConfiguration's methods) on the service's settings (DnsProperties' defaults, bound as Spring binds them),
 * except what a test needs: 127.0.0.1 and a free port (UDP and TCP share it), one UDP socket, a reload check every
 * 500 ms, and no per-client TCP limit below the total, since every client of a test connects from 127.0.0.1.
 */
public final class EmbeddedDnsServer implements AutoCloseable {

    private final ZoneStore store;
    private final ZoneReloader reloader;
    private final DnsServer server;
    private final MeterRegistry registry;
    private final FaultRules faults;

    private EmbeddedDnsServer(
            ZoneStore store, ZoneReloader reloader, DnsServer server, MeterRegistry registry, FaultRules faults) {
        this.faults = faults;
        this.store = store;
        this.reloader = reloader;
        this.server = server;
        this.registry = registry;
    }

    /** Serves {@code namedConf} on 127.0.0.1 and a free port. */
    public static EmbeddedDnsServer start(Path namedConf) {
        return start(namedConf, InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(500));
    }

    public static EmbeddedDnsServer start(Path namedConf, InetAddress address, int port, Duration reloadInterval) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("named-conf", namedConf.toString());
        settings.put("address", address.getHostAddress());
        settings.put("port", port);
        settings.put("reload-interval", reloadInterval.toMillis() + "ms");
        settings.put("udp-sockets", 1);
        settings.put("tcp-max-connections-per-client", bind(Map.of()).tcpMaxConnections());
        DnsProperties properties = bind(settings);

        DnsServerConfiguration parts = new DnsServerConfiguration();
        ZoneStore store = parts.zoneStore(properties);
        MeterRegistry registry = new SimpleMeterRegistry();
        FaultRules faults = parts.faultRules(properties);
        QueryProcessor processor =
                parts.queryProcessor(store, parts.queryMetrics(registry), properties, faults, registry);
        DnsServer server;
        try {
            server = parts.dnsServer(processor, properties, AnswerListener.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        return new EmbeddedDnsServer(store, parts.zoneReloader(store, properties), server, registry, faults);
    }

    /** {@code maillab.dns.*} as Spring binds it: the given settings over DnsProperties' defaults. */
    private static DnsProperties bind(Map<String, Object> settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        settings.forEach((name, value) -> properties.put("maillab.dns." + name, value));
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("maillab.dns", DnsProperties.class);
    }

    public int port() {
        return server.port();
    }

    /** {@code host:port}, the form the services' resolver settings take. */
    public String resolverAddress() {
        return "127.0.0.1:" + port();
    }

    public ZoneStore zones() {
        return store;
    }

    /**
     * The fault rules it consults, for a test to add some ({@code faults().add("mail.example.test", "A", "servfail",
     * null, null)}) and remove them again ({@code remove(id)}, {@code clearHttp()}): the same rules as
     * {@code POST /api/faults}.
     */
    public FaultRules faults() {
        return faults;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    @Override
    public void close() {
        reloader.close();
        server.close();
    }
}
