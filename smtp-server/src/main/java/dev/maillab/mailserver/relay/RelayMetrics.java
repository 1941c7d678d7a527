package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.relay.delivery.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Micrometer meters of the relay (maillab_relay_* on /actuator/prometheus): recipients per attempt outcome (the tag
 * {@code status}: sent, deferred, bounced) and the messages queued now.
 */
final class RelayMetrics {

    private final Map<Outcome.Status, Counter> outcomes = new EnumMap<>(Outcome.Status.class);

    RelayMetrics(MeterRegistry registry, Supplier<Number> queued) {
        for (Outcome.Status status : Outcome.Status.values()) {
            outcomes.put(
                    status,
                    Counter.builder("maillab.relay.recipients")
                            .description("recipients per delivery attempt, by outcome")
                            .tag("status", status.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        Gauge.builder("maillab.relay.queue.messages", queued)
                .description("messages in the queue")
                .register(registry);
    }

    void outcome(Outcome outcome) {
        outcomes.get(outcome.status()).increment();
    }
}
