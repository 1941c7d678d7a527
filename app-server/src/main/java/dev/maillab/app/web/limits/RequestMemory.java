package dev.maillab.app.web.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bodies all requests in flight may hold together, in bytes. A request reserves its body's length
 * (its Content-Length, or the largest body allowed when it is chunked) before anything is read; the one that would
 * go over gets 503 instead of the heap running out. Shaped like smtp-server's DATA memory budget.
 */
public final class RequestMemory {

    private final long budget;
    private final AtomicLong inUse = new AtomicLong();

    public RequestMemory(long budget) {
        this.budget = budget;
    }

    /** True when {@code bytes} were reserved; the caller then calls {@link #release} exactly once. */
    public boolean tryReserve(long bytes) {
        while (true) {
            long now = inUse.get();
            if (now + bytes > budget) {
                return false;
            }
            if (inUse.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    public void release(long bytes) {
        inUse.addAndGet(-bytes);
    }

    public long inUse() {
        return inUse.get();
    }

    public long budget() {
        return budget;
    }
}
