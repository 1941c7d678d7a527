package dev.maillab.dns.query;

import dev.maillab.dns.zone.ZoneSnapshot;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pre-built answers for one zone snapshot. A new snapshot starts an empty cache, so a reload can never serve a
 * stale answer. Bounded: past {@code maxEntries} (e.g. a flood of random names) answers are built but not kept.
 */
final class AnswerCache {

    private record Generation(ZoneSnapshot snapshot, ConcurrentHashMap<AnswerKey, CachedAnswer> answers) {}

    private final AtomicReference<Generation> current = new AtomicReference<>();
    private final int maxEntries;

    AnswerCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    ConcurrentHashMap<AnswerKey, CachedAnswer> answersFor(ZoneSnapshot snapshot) {
        Generation generation = current.get();
        if (generation != null && generation.snapshot() == snapshot) {
            return generation.answers();
        }
        Generation fresh = new Generation(snapshot, new ConcurrentHashMap<>());
        return current.compareAndSet(generation, fresh) ? fresh.answers() : answersFor(snapshot);
    }

    void put(ConcurrentHashMap<AnswerKey, CachedAnswer> answers, AnswerKey key, CachedAnswer answer) {
        if (answers.size() < maxEntries) {
            answers.putIfAbsent(key, answer);
        }
    }
}
