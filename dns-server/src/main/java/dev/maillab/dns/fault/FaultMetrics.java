package dev.maillab.dns.fault;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Queries a fault rule changed, by action ({@code dns_faults_total{action}} in Prometheus). */
public final class FaultMetrics {

    private final Map<FaultAction.Kind, Counter> counters = new EnumMap<>(FaultAction.Kind.class);

    public FaultMetrics(MeterRegistry registry) {
        for (FaultAction.Kind kind : FaultAction.Kind.values()) {
            counters.put(
                    kind,
                    Counter.builder("dns.faults")
                            .tag("action", kind.word())
                            .description("queries a fault rule answered with an error, withheld or delayed")
                            .register(registry));
        }
    }

    public void faulted(FaultAction.Kind kind) {
        counters.get(kind).increment();
    }
}
