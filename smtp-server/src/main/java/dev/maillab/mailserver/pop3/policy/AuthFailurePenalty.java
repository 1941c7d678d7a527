package dev.maillab.mailserver.pop3.policy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How long to hold back the answer to a failed login: {@code base} for the first failure from an
 * address, doubling with each further one up to {@code max}. An address's count is forgotten after
 * {@code forget} without failures, or at once after a successful login from it.
 */
public final class AuthFailurePenalty {

    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, long lastNanos) {}

    private final Duration base;
    private final Duration max;
    private final long forgetNanos;
    private final ConcurrentMap<InetAddress, Failures> byAddress = new ConcurrentHashMap<>();

    public AuthFailurePenalty(Duration base, Duration max, Duration forget) {
        this.base = base;
        this.max = max;
        this.forgetNanos = forget.toNanos();
    }

    /** Records a failure and returns the delay to apply to its answer. */
    public Duration failed(InetAddress address) {
        long now = System.nanoTime();
        if (byAddress.size() > MAX_TRACKED) {
            byAddress.values().removeIf(f -> now - f.lastNanos > forgetNanos);
        }
        Failures f = byAddress.compute(
                address,
                (a, old) -> new Failures(old == null || now - old.lastNanos > forgetNanos ? 1 : old.count + 1, now));
        return delayFor(f.count);
    }

    public void succeeded(InetAddress address) {
        byAddress.remove(address);
    }

    public Duration delayFor(int failures) {
        Duration d = base;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
