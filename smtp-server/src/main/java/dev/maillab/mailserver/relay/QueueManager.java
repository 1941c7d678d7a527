package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.relay.delivery.DomainDelivery;
import dev.maillab.mailserver.relay.delivery.Outcome;
import dev.maillab.mailserver.relay.queue.Envelope;
import dev.maillab.mailserver.relay.queue.QueueStore;
import dev.maillab.mailserver.smtp.MessageBytes;
import dev.maillab.mailserver.smtp.QueueIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;

/**
 * Postfix's qmgr: what is queued, when each message is tried next, and what an attempt's outcomes do to it. Each
 * message is in at most one attempt at a time, on one of {@code maillab.relay.workers} threads; an attempt delivers
 * to each destination domain once ({@link DomainDelivery}) and then: sent recipients are done, bounced ones go back
 * to the sender ({@link Bounces}), deferred ones stay, tried again after {@code retry-initial} doubling up to
 * {@code retry-max}, and returned to the sender once the message is older than {@code max-lifetime}. A message with
 * no recipient left is removed. Every change is written to the {@link QueueStore} before it counts.
 *
 * <p>The envelopes (not the contents) of every queued message are held in memory, at most
 * {@code maillab.relay.max-messages} of them.
 */
public final class QueueManager implements SmartLifecycle, Bounces.Queue {

    /** One queued message and its scheduling state; guarded by itself. */
    private static final class Entry {
        Envelope envelope;
        ScheduledFuture<?> next;
        boolean running;
        boolean deleted;
        boolean again;

        Entry(Envelope envelope) {
            this.envelope = envelope;
        }
    }

    /** A queued message as the queue API shows it. */
    public record Queued(Envelope envelope, boolean active) {}

    private final QueueStore store;
    private final DomainDelivery delivery;
    private final Bounces bounces;
    private final RelayProperties properties;
    private final RelayLog log;
    private final QueueIds ids;
    private final Clock clock;
    private final Object location;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile ScheduledThreadPoolExecutor workers;
    private volatile RelayMetrics metrics;
    private volatile RelayObserver observer = RelayObserver.NONE;

    QueueManager(
            QueueStore store,
            Object location,
            DomainDelivery delivery,
            Bounces bounces,
            RelayProperties properties,
            QueueIds ids,
            RelayLog log,
            Clock clock)
            throws IOException {
        this.store = store;
        this.location = location;
        this.delivery = delivery;
        this.bounces = bounces;
        this.properties = properties;
        this.ids = ids;
        this.log = log;
        this.clock = clock;
        for (Envelope e : store.list()) {
            entries.put(e.id(), new Entry(e));
        }
    }

    /** Counts outcomes into {@code registry} and shows the queue's size there. */
    void measure(MeterRegistry registry) {
        metrics = new RelayMetrics(registry, this::size);
    }

    /** Tells {@code observer} what is queued, each attempt's outcomes and each bounce. */
    void observe(RelayObserver observer) {
        this.observer = observer;
    }

    public boolean hasRoom() {
        return entries.size() < properties.maxMessages();
    }

    /** Writes a new message durably, then schedules its first attempt now. */
    public void enqueue(String id, String sender, List<String> recipients, byte[] content) throws IOException {
        if (!hasRoom()) {
            throw new IOException("the queue holds maillab.relay.max-messages=" + properties.maxMessages());
        }
        Envelope envelope = Envelope.arrived(id, sender, recipients, clock.instant(), content.length);
        store.add(envelope, content);
        observeQueued(envelope, content);
        Entry entry = new Entry(envelope);
        entries.put(id, entry);
        synchronized (entry) {
            schedule(entry, Duration.ZERO);
        }
    }

    @Override
    public String enqueueBounce(String recipient, Bounces.IdContent content) throws IOException {
        for (int tries = 0; ; tries++) {
            String id = ids.next();
            byte[] bytes = content.forId(id);
            try {
                // a bounce may go over max-messages: it is owed for a message the queue already took
                Envelope envelope = Envelope.arrived(id, "", List.of(recipient), clock.instant(), bytes.length);
                store.add(envelope, bytes);
                log.queued(id, "", bytes.length, 1);
                observeQueued(envelope, bytes);
                Entry entry = new Entry(envelope);
                entries.put(id, entry);
                synchronized (entry) {
                    schedule(entry, Duration.ZERO);
                }
                return id;
            } catch (FileAlreadyExistsException e) {
                if (tries >= 3) {
                    throw e;
                }
                // the intake's ids come from another generator: take the next one
            }
        }
    }

    /** Every queued message, oldest first. */
    public List<Queued> list() {
        List<Queued> all = new ArrayList<>();
        for (Entry e : entries.values()) {
            synchronized (e) {
                if (!e.deleted) {
                    all.add(new Queued(e.envelope, e.running));
                }
            }
        }
        all.sort(Comparator.comparing((Queued q) -> q.envelope().arrival())
                .thenComparing(q -> q.envelope().id()));
        return all;
    }

    public Optional<Queued> find(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            return e.deleted ? Optional.empty() : Optional.of(new Queued(e.envelope, e.running));
        }
    }

    /** Tries every message now (Postfix's {@code postqueue -f}); one in an attempt is tried again right after it. */
    public int flush() {
        int n = 0;
        Instant now = clock.instant();
        for (Entry e : entries.values()) {
            synchronized (e) {
                if (e.deleted) {
                    continue;
                }
                n++;
                if (e.running) {
                    e.again = true;
                } else {
                    e.envelope = e.envelope.dueAt(now);
                    schedule(e, Duration.ZERO);
                }
            }
        }
        return n;
    }

    /**
     * Removes a message from the queue without delivering it further ({@code postsuper -d}); one in an attempt is
     * removed when that attempt ends. False when there is no such message.
     */
    public boolean delete(String id) throws IOException {
        Entry e = entries.get(id);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            if (e.deleted) {
                return false;
            }
            e.deleted = true;
            if (e.next != null) {
                e.next.cancel(false);
            }
            if (!e.running) {
                drop(e);
            }
        }
        log.deleted(id);
        return true;
    }

    /** Called under the entry's lock. */
    private void drop(Entry e) throws IOException {
        entries.remove(e.envelope.id());
        store.remove(e.envelope.id());
    }

    /** Called under the entry's lock; does nothing before start (start schedules every entry). */
    private void schedule(Entry e, Duration delay) {
        ScheduledThreadPoolExecutor pool = workers;
        if (pool == null || pool.isShutdown()) {
            return;
        }
        if (e.next != null) {
            e.next.cancel(false);
        }
        String id = e.envelope.id();
        e.next = pool.schedule(() -> attempt(id), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void attempt(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            return;
        }
        Envelope envelope;
        synchronized (e) {
            if (e.deleted || e.running) {
                return;
            }
            e.running = true;
            envelope = e.envelope;
        }
        Envelope after = null;
        try {
            after = deliver(envelope);
        } catch (RuntimeException ex) {
            log.attemptFailed(id, ex.toString());
            after = envelope.deferred(
                    clock.instant().plus(properties.retryDelay(envelope.attempts() + 1)), ex.toString());
        } finally {
            synchronized (e) {
                e.running = false;
                try {
                    if (e.deleted) {
                        drop(e);
                    } else if (after == null) {
                        entries.remove(id);
                    } else {
                        e.envelope = after;
                        Duration wait = Duration.between(clock.instant(), after.nextTry());
                        if (e.again) {
                            e.again = false;
                            wait = Duration.ZERO;
                        }
                        schedule(e, wait);
                    }
                } catch (IOException ex) {
                    log.queueWriteFailed(id, ex.toString());
                }
            }
        }
    }

    /** One attempt; the envelope left afterwards, or null when the message is done and removed. */
    private Envelope deliver(Envelope envelope) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<String>> domain : envelope.byDomain().entrySet()) {
            Instant start = clock.instant();
            List<Outcome> results =
                    delivery.deliver(envelope.sender(), domain.getKey(), domain.getValue(), content(envelope));
            double delay = Duration.between(envelope.arrival(), clock.instant()).toMillis() / 1000.0;
            for (Outcome o : results) {
                log.outcome(envelope.id(), o, delay);
                RelayMetrics m = metrics;
                if (m != null) {
                    m.outcome(o);
                }
                tell(r -> r.attempted(new RelayObserver.Attempt(
                        envelope.id(),
                        o.recipient(),
                        domain.getKey(),
                        envelope.attempts() + 1,
                        start,
                        o.relay(),
                        delay,
                        o.dsn(),
                        o.status().name().toLowerCase(Locale.ROOT),
                        o.reply(),
                        o.text())));
            }
            outcomes.addAll(results);
        }
        Instant now = clock.instant();
        List<Outcome> failed = new ArrayList<>();
        List<Outcome> deferred = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o.status()) {
                case BOUNCED -> failed.add(o);
                case DEFERRED -> deferred.add(o);
                case SENT -> {}
            }
        }
        boolean expired = !deferred.isEmpty()
                && Duration.between(envelope.arrival(), now).compareTo(properties.maxLifetime()) >= 0;
        if (expired) {
            log.expired(envelope.id(), envelope.sender());
            failed.addAll(deferred);
            deferred.clear();
        }
        if (!failed.isEmpty()) {
            try (InputStream original = store.open(envelope.id())) {
                Bounces.Notification n = bounces.bounce(envelope, failed, original, this);
                if (n != null) {
                    List<String> reported =
                            failed.stream().map(Outcome::recipient).toList();
                    tell(r -> r.bounced(new RelayObserver.Bounce(
                            envelope.id(), n.id(), n.messageId(), n.to(), reported, n.delivery(), expired)));
                }
            } catch (IOException ex) {
                // no notification is durable: the failed recipients stay and are tried (and bounced) again
                log.notificationFailed(envelope.id(), ex.toString());
                deferred.addAll(failed);
            }
        }
        try {
            if (deferred.isEmpty()) {
                store.remove(envelope.id());
                log.removed(envelope.id());
                return null;
            }
            List<String> left = deferred.stream().map(Outcome::recipient).toList();
            Envelope next = envelope.withRecipients(left)
                    .deferred(
                            now.plus(properties.retryDelay(envelope.attempts() + 1)),
                            deferred.get(deferred.size() - 1).text());
            store.update(next);
            return next;
        } catch (IOException ex) {
            log.queueWriteFailed(envelope.id(), ex.toString());
            // the old envelope stays on disk; in memory the attempt counts
            return envelope.withRecipients(
                            deferred.stream().map(Outcome::recipient).toList())
                    .deferred(now.plus(properties.retryDelay(envelope.attempts() + 1)), ex.toString());
        }
    }

    private void observeQueued(Envelope envelope, byte[] content) {
        tell(r -> r.queued(new RelayObserver.Queued(
                envelope.id(),
                MessageBytes.headers(content).messageId(),
                envelope.sender(),
                envelope.recipients(),
                List.copyOf(envelope.byDomain().keySet()),
                envelope.size())));
    }

    /** An observer never changes what the queue does: what it throws is dropped. */
    private void tell(Consumer<RelayObserver> call) {
        try {
            call.accept(observer);
        } catch (RuntimeException e) {
            // the record lacks this step; the message goes on as it would
        }
    }

    private DomainDelivery.Content content(Envelope envelope) {
        return new DomainDelivery.Content() {
            @Override
            public InputStream open() throws IOException {
                return store.open(envelope.id());
            }

            @Override
            public long size() {
                return envelope.size();
            }
        };
    }

    @Override
    public synchronized void start() {
        if (workers != null && !workers.isShutdown()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(properties.workers(), r -> {
            Thread t = new Thread(r, "relay-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        workers = pool;
        Instant now = clock.instant();
        for (Entry e : entries.values()) {
            synchronized (e) {
                schedule(e, Duration.between(now, e.envelope.nextTry()));
            }
        }
        if (!entries.isEmpty()) {
            log.resumed(entries.size(), location);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledThreadPoolExecutor pool = workers;
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        delivery.close();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        ScheduledThreadPoolExecutor pool = workers;
        return pool != null && !pool.isShutdown();
    }

    /** Messages queued now. */
    public int size() {
        return entries.size();
    }
}
