package dev.maillab.mailserver.smtp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that messages being received may hold together ({@code maillab.smtp.data-memory}). DATA is buffered in
 * memory until it is on disk, so without a bound fifty sessions sending 10 MB each would need more heap than the
 * server has and an OutOfMemoryError would end it for everyone. With the bound, the session that would go over
 * it gets {@code 452 4.3.1} (try again later) and the others go on.
 */
public final class DataMemory {

    private final long budget;
    private final AtomicLong inUse = new AtomicLong();

    public DataMemory(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("maillab.smtp.data-memory must be positive");
        }
        this.budget = budget;
    }

    /** True if {@code bytes} more fit, and then they are reserved until {@link #release}. */
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = inUse.get();
            if (now + bytes > budget) {
                return false;
            }
        } while (!inUse.compareAndSet(now, now + bytes));
        return true;
    }

    public void release(long bytes) {
        if (bytes != 0) {
            inUse.addAndGet(-bytes);
        }
    }

    /** Bytes reserved right now (the gauge {@code maillab.smtp.data.memory.reserved}, tests). */
    public long inUse() {
        return inUse.get();
    }

    public long budget() {
        return budget;
    }
}
