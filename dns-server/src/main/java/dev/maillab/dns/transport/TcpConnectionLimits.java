package dev.maillab.dns.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open TCP connections, counted in total and per client address (as the mail side's ConnectionLimits): one address
 * holds at most {@code perClient} of the slots, so a client that opens hundreds cannot lock the others out. Each
 * refusal episode (from the first refusal until that address, or the total, is below its limit again) is reported
 * once as "first", so a flood of connections logs one line, not one per connection.
 */
final class TcpConnectionLimits {

    enum Verdict {
        ADMITTED,
        TOTAL,
        PER_CLIENT
    }

    /** {@code first}: the first refusal of its episode (the one to log at WARN). */
    record Admission(Verdict verdict, boolean first) {}

    private static final class Count {
        int open;
        boolean refusing;
    }

    private final int total;
    private final int perClient;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean refusingTotal = new AtomicBoolean();
    private final ConcurrentHashMap<InetAddress, Count> byClient = new ConcurrentHashMap<>();

    TcpConnectionLimits(int total, int perClient) {
        if (total < 1 || perClient < 1) {
            throw new IllegalArgumentException(
                    "TCP connection limits must be positive: total=" + total + ", per client=" + perClient);
        }
        this.total = total;
        this.perClient = perClient;
    }

    /** Takes a slot for {@code client}; an ADMITTED connection must be {@link #release released} once. */
    Admission admit(InetAddress client) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return new Admission(Verdict.TOTAL, refusingTotal.compareAndSet(false, true));
        }
        boolean[] admitted = new boolean[1];
        boolean[] first = new boolean[1];
        // compute() keeps each count and its map entry consistent: an entry exists while the address has a slot
        byClient.compute(client, (address, count) -> {
            Count c = count == null ? new Count() : count;
            if (c.open < perClient) {
                c.open++;
                admitted[0] = true;
            } else {
                first[0] = !c.refusing;
                c.refusing = true;
            }
            return c;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return new Admission(Verdict.PER_CLIENT, first[0]);
        }
        return new Admission(Verdict.ADMITTED, false);
    }

    void release(InetAddress client) {
        byClient.computeIfPresent(client, (address, count) -> {
            count.open--;
            count.refusing = false;
            return count.open <= 0 ? null : count;
        });
        open.decrementAndGet();
        refusingTotal.set(false);
    }

    int open() {
        return open.get();
    }

    int perClient() {
        return perClient;
    }

    int total() {
        return total;
    }
}
