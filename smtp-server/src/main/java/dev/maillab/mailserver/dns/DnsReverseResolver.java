package dev.maillab.mailserver.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Reverse lookups through one DNS server (dnsjava), forward-confirmed like Postfix: the PTR name
 * counts only if it resolves back to the client's address. Answers are cached briefly so a client
 * that reconnects in a loop costs one lookup, not one per connection.
 */
public final class DnsReverseResolver implements ReverseResolver {

    private static final Logger log = LoggerFactory.getLogger(DnsReverseResolver.class);
    private static final int MAX_CACHED = 10_000;

    private final Resolver resolver;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<InetAddress, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String name, Instant expires) {}

    public DnsReverseResolver(InetSocketAddress server, Duration timeout, Duration cacheTtl) {
        SimpleResolver simple = new SimpleResolver(server);
        simple.setTimeout(timeout);
        this.resolver = simple;
        this.cacheTtl = cacheTtl;
        this.clock = Clock.systemUTC();
    }

    @Override
    public String nameOf(InetAddress address) {
        Instant now = clock.instant();
        Cached cached = cache.get(address);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.name();
        }
        String name = lookup(address);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(address, new Cached(name, now.plus(cacheTtl)));
        return name;
    }

    private String lookup(InetAddress address) {
        try {
            Record[] ptrs = query(ReverseMap.fromAddress(address), Type.PTR);
            for (Record ptr : ptrs) {
                Name target = ((PTRRecord) ptr).getTarget();
                if (resolvesTo(target, address)) {
                    return target.toString(true);
                }
            }
        } catch (RuntimeException e) {
            log.warn("reverse lookup of {} failed: {}", address.getHostAddress(), e.toString());
        }
        return UNKNOWN;
    }

    private boolean resolvesTo(Name name, InetAddress address) {
        int type = address.getAddress().length == 4 ? Type.A : Type.AAAA;
        for (Record record : query(name, type)) {
            InetAddress forward = record instanceof ARecord a ? a.getAddress() : ((AAAARecord) record).getAddress();
            if (Arrays.equals(forward.getAddress(), address.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private Record[] query(Name name, int type) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        // only the configured server counts: the local hosts file would answer "localhost" for loopback
        lookup.setHostsFileParser(null);
        Record[] answers = lookup.run();
        log.debug("{} {}: {}", name, Type.string(type), lookup.getErrorString());
        return answers == null ? new Record[0] : answers;
    }
}
