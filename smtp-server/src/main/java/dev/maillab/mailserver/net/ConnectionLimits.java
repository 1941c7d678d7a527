package dev.maillab.mailserver.net;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections of one protocol, counted in total and per client address (Postfix's
 * {@code default_process_limit} and {@code smtpd_client_connection_count_limit}): one address can
 * take at most {@code perAddress} slots, so the others always find one while the total allows it.
 */
public final class ConnectionLimits {

    private final int total;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    public ConnectionLimits(int total, int perAddress) {
        if (total < 1 || perAddress < 1) {
            throw new IllegalArgumentException(
                    "connection limits must be positive: total=" + total + ", per address=" + perAddress);
        }
        this.total = total;
        this.perAddress = perAddress;
    }

    /** Why a connection was refused, for the reply and the log line. */
    public enum Refusal {
        TOTAL,
        PER_ADDRESS
    }

    /** A slot, or the reason there is none. Exactly one of the two is present. */
    public record Admission(Optional<Lease> lease, Optional<Refusal> refusal) {}

    /** Takes a slot for a connection from {@code client}; the lease gives it back, once. */
    public Admission admit(InetAddress client) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return new Admission(Optional.empty(), Optional.of(Refusal.TOTAL));
        }
        // compute() keeps the count and the map entry consistent: an entry exists exactly while it is above 0
        AtomicInteger[] taken = new AtomicInteger[1];
        byAddress.compute(client, (address, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < perAddress) {
                c.incrementAndGet();
                taken[0] = c;
            }
            return c.get() == 0 ? null : c;
        });
        if (taken[0] == null) {
            open.decrementAndGet();
            return new Admission(Optional.empty(), Optional.of(Refusal.PER_ADDRESS));
        }
        return new Admission(Optional.of(new Lease(client)), Optional.empty());
    }

    public int open() {
        return open.get();
    }

    public int openFrom(InetAddress client) {
        AtomicInteger c = byAddress.get(client);
        return c == null ? 0 : c.get();
    }

    public int total() {
        return total;
    }

    public int perAddress() {
        return perAddress;
    }

    /** One taken slot; {@link #close()} is idempotent, so every end-of-connection path may call it. */
    public final class Lease implements AutoCloseable {
        private final InetAddress client;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(InetAddress client) {
            this.client = client;
        }

        public InetAddress client() {
            return client;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                byAddress.computeIfPresent(client, (address, count) -> count.decrementAndGet() == 0 ? null : count);
                open.decrementAndGet();
            }
        }
    }
}
