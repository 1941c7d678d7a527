package dev.maillab.mailserver.smtp;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Postfix-style queue ids: upper-case hex, unique within this process and increasing over time. */
public final class QueueIds {

    private final AtomicLong last = new AtomicLong();

    public String next() {
        long micros = System.currentTimeMillis() * 1000L;
        long id = last.accumulateAndGet(micros, (prev, now) -> Math.max(prev + 1, now));
        return Long.toHexString(id).toUpperCase(Locale.ROOT);
    }
}
