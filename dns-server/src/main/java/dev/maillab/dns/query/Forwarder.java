package dev.maillab.dns.query;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends a query for a name outside our zones to the configured forwarders (asynchronously, so no transport
 * thread waits) and relays their answer. Every forward is bounded by {@code timeout}.
 */
public final class Forwarder {

    private final Duration timeout;
    private final ConcurrentHashMap<List<InetSocketAddress>, Resolver> resolvers = new ConcurrentHashMap<>();

    public Forwarder(Duration timeout) {
        this.timeout = timeout;
    }

    /** Completes with the forwarders' answer, or exceptionally after the timeout or when none answers. */
    CompletionStage<Message> forward(List<InetSocketAddress> forwarders, Message query) {
        Resolver resolver = resolvers.computeIfAbsent(List.copyOf(forwarders), this::resolverFor);
        return resolver.sendAsync(query).toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Resolver resolverFor(List<InetSocketAddress> forwarders) {
        if (forwarders.size() == 1) {
            SimpleResolver single = new SimpleResolver(forwarders.get(0));
            single.setTimeout(timeout);
            return single;
        }
        ExtendedResolver resolver = new ExtendedResolver(forwarders.stream()
                .map(SimpleResolver::new)
                .map(Resolver.class::cast)
                .toList());
        resolver.setTimeout(timeout.dividedBy(forwarders.size()));
        resolver.setRetries(1);
        return resolver;
    }
}
