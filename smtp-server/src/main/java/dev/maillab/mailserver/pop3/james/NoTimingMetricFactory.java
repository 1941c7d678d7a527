package dev.maillab.mailserver.pop3.james;

import dev.maillab.mailserver.pop3.Pop3Metrics;
import java.time.Duration;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/**
 * James' command handlers insist on a MetricFactory and the library ships no public no-op one.
 * Our meters live in {@link Pop3Metrics}; James' per-command timers are dropped here.
 */
public final class NoTimingMetricFactory implements MetricFactory {

    private static final TimeMetric.ExecutionResult NOTHING = new TimeMetric.ExecutionResult() {
        @Override
        public Duration elasped() {
            return Duration.ZERO;
        }

        @Override
        public TimeMetric.ExecutionResult logWhenExceedP99(Duration threshold) {
            return this;
        }
    };

    @Override
    public Metric generate(String name) {
        return new Metric() {
            private long count;

            @Override
            public void increment() {
                count++;
            }

            @Override
            public void decrement() {
                count--;
            }

            @Override
            public void add(int value) {
                count += value;
            }

            @Override
            public void remove(int value) {
                count -= value;
            }

            @Override
            public long getCount() {
                return count;
            }
        };
    }

    @Override
    public TimeMetric timer(String name) {
        return new TimeMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecutionResult stopAndPublish() {
                return NOTHING;
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }
}
