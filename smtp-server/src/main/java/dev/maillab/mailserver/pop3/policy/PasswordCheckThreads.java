package dev.maillab.mailserver.pop3.policy;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where PASS checks a password: not on a Netty event loop, since a crypt hash takes milliseconds
 * (SHA256-CRYPT ~7 ms on the lab machine, BLF-CRYPT far more) during which every other connection of
 * that loop would wait. One thread per core; idle threads end, so nothing needs shutting down. The queue
 * is bounded in practice by the connection limit: a session waiting for its check sends nothing more.
 */
public final class PasswordCheckThreads {

    private PasswordCheckThreads() {}

    public static Executor create() {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "pop3-auth-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
