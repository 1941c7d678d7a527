package dev.maillab.dns.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Answered queries by type, rcode and protocol ({@code dns_queries_total} in Prometheus) and dropped packets
 * ({@code dns_dropped_total}). Counters are created once and kept in an array, so counting a query is an array
 * read and an add, not a registry lookup.
 */
public final class QueryMetrics {

    /** The types a lab sees; anything else is counted as "OTHER" so a scan cannot create unbounded series. */
    private static final int[] TYPES = {
        Type.A,
        Type.AAAA,
        Type.MX,
        Type.NS,
        Type.SOA,
        Type.CNAME,
        Type.PTR,
        Type.TXT,
        Type.SRV,
        Type.ANY,
        Type.AXFR,
        Type.IXFR,
        Type.CAA,
        Type.HTTPS,
        Type.SVCB,
        Type.DS,
        Type.DNSKEY
    };

    private static final int OTHER_TYPE = TYPES.length;
    private static final int RCODES = 24; // 0..22 plus OTHER
    private static final int PROTOCOLS = 2;

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> counters =
            new AtomicReferenceArray<>((TYPES.length + 1) * RCODES * PROTOCOLS);
    private final Counter droppedUnreadable;
    private final Counter droppedResponse;

    public QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
        droppedUnreadable = Counter.builder("dns.dropped")
                .tag("reason", "unreadable")
                .description("packets dropped without an answer")
                .register(registry);
        droppedResponse = Counter.builder("dns.dropped")
                .tag("reason", "response")
                .description("packets dropped without an answer")
                .register(registry);
    }

    /** @param udp true for UDP, false for TCP */
    public void answered(int qtype, int rcode, boolean udp) {
        int typeIndex = typeIndex(qtype);
        int rcodeIndex = rcode >= 0 && rcode < RCODES - 1 ? rcode : RCODES - 1;
        int index = (typeIndex * RCODES + rcodeIndex) * PROTOCOLS + (udp ? 0 : 1);
        Counter counter = counters.get(index);
        if (counter == null) {
            counter = Counter.builder("dns.queries")
                    .description("queries answered, by question type, response code and protocol")
                    .tag("type", typeIndex == OTHER_TYPE ? "OTHER" : Type.string(qtype))
                    .tag("rcode", rcodeIndex == RCODES - 1 ? "OTHER" : Rcode.string(rcode))
                    .tag("protocol", udp ? "udp" : "tcp")
                    .register(registry);
            counters.compareAndSet(index, null, counter);
        }
        counter.increment();
    }

    public void droppedUnreadable() {
        droppedUnreadable.increment();
    }

    public void droppedResponse() {
        droppedResponse.increment();
    }

    private static int typeIndex(int qtype) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == qtype) {
                return i;
            }
        }
        return OTHER_TYPE;
    }
}
