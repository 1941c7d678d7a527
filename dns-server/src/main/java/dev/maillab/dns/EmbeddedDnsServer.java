package dev.maillab.dns;

import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.query.Forwarder;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.transport.DnsServer;
import dev.maillab.dns.transport.TransportSettings;
import dev.maillab.dns.zone.ZoneReloader;
import dev.maillab.dns.zone.ZoneStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The DNS server without Spring, for other modules' tests: {@code try (var dns = EmbeddedDnsServer.start(conf))
 * { resolver = dns.port() ... }}. Listens on 127.0.0.1 and a free port (UDP and TCP share it), reloads on change.
 */
public final class EmbeddedDnsServer implements AutoCloseable {

    private final ZoneStore store;
    private final ZoneReloader reloader;
    private final DnsServer server;
    private final MeterRegistry registry;

    private EmbeddedDnsServer(ZoneStore store, ZoneReloader reloader, DnsServer server, MeterRegistry registry) {
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
        ZoneStore store = ZoneStore.load(namedConf);
        MeterRegistry registry = new SimpleMeterRegistry();
        QueryProcessor processor = new QueryProcessor(
                store, new Forwarder(Duration.ofSeconds(2)), new QueryMetrics(registry), 1232, 10_000);
        DnsServer server =
                new DnsServer(new TransportSettings(address, port, 1, Duration.ofSeconds(30), 64, 4096), processor);
        try {
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
        return new EmbeddedDnsServer(store, new ZoneReloader(store, reloadInterval), server, registry);
    }

    public int port() {
        return server.port();
    }

    /** {@code host:port}, the form maillab.*.resolver properties take. */
    public String resolverAddress() {
        return "127.0.0.1:" + port();
    }

    public ZoneStore zones() {
        return store;
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
