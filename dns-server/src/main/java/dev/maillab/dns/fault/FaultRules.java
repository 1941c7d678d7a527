package dev.maillab.dns.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The fault rules in force: those added over HTTP (in memory, tried first, in the order added), then the rules
 * file's (replaced whole on each good reload). The first rule that matches a query decides; its probability is
 * then drawn from the random source. Lists are swapped whole, so matching takes no lock.
 */
public final class FaultRules {

    public static final String FILE = "file";
    public static final String HTTP = "http";

    private final int maxRules;
    private final Duration maxDelay;
    private final DoubleSupplier random;
    private final AtomicLong httpIds = new AtomicLong();
    private volatile List<FaultRule> httpRules = List.of();
    private volatile List<FaultRule> fileRules = List.of();

    /**
     * @param maxRules at most this many rules in all (file and HTTP)
     * @param maxDelay the longest {@code delay=} a rule may have
     * @param random   draws in [0, 1) for rules with a probability below 1
     */
    public FaultRules(int maxRules, Duration maxDelay, DoubleSupplier random) {
        this.maxRules = maxRules;
        this.maxDelay = maxDelay;
        this.random = random;
    }

    public FaultRules(int maxRules, Duration maxDelay) {
        this(maxRules, maxDelay, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** No rules, and none can be added: for servers built without the fault feature wired in. */
    public static FaultRules none() {
        return new FaultRules(0, Duration.ZERO);
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public int maxRules() {
        return maxRules;
    }

    /** True when no rule is in force: the query path then does not even read the question's name. */
    public boolean isEmpty() {
        return httpRules.isEmpty() && fileRules.isEmpty();
    }

    /**
     * The rule that faults this query, or null.
     *
     * @param lowerName the question's name, lower case, absolute
     */
    public FaultRule match(String lowerName, int qtype, boolean udp) {
        FaultRule rule = first(httpRules, lowerName, qtype, udp);
        if (rule == null) {
            rule = first(fileRules, lowerName, qtype, udp);
        }
        if (rule == null || rule.probability() <= 0) {
            return null;
        }
        return rule.probability() >= 1 || random.getAsDouble() < rule.probability() ? rule : null;
    }

    private static FaultRule first(List<FaultRule> rules, String lowerName, int qtype, boolean udp) {
        for (FaultRule rule : rules) {
            if (rule.matches(lowerName, qtype, udp)) {
                return rule;
            }
        }
        return null;
    }

    /** Every rule in matching order: HTTP's, then the file's. */
    public List<FaultRule> all() {
        List<FaultRule> all = new ArrayList<>(httpRules);
        all.addAll(fileRules);
        return all;
    }

    /**
     * Adds a rule over HTTP, after the others added so; its id is {@code http-<n>}.
     *
     * @throws IllegalArgumentException when a part is wrong
     * @throws TooManyRulesException at {@code max-rules}
     */
    public synchronized FaultRule add(String name, String type, String action, Double probability, String transport) {
        FaultRule rule = FaultRule.of(
                HTTP + "-" + (httpIds.get() + 1), HTTP, name, type, action, probability, transport, maxDelay);
        if (httpRules.size() + fileRules.size() >= maxRules) {
            throw new TooManyRulesException(maxRules);
        }
        httpIds.incrementAndGet();
        List<FaultRule> more = new ArrayList<>(httpRules);
        more.add(rule);
        httpRules = List.copyOf(more);
        return rule;
    }

    /** Removes the HTTP rule with this id; false when there is none. */
    public synchronized boolean remove(String id) {
        List<FaultRule> fewer = new ArrayList<>(httpRules);
        boolean removed = fewer.removeIf(r -> r.id().equals(id));
        httpRules = List.copyOf(fewer);
        return removed;
    }

    /** Whether {@code id} names a rule of the rules file (which only an edit of the file changes). */
    public boolean isFileRule(String id) {
        return fileRules.stream().anyMatch(r -> r.id().equals(id));
    }

    /** Removes every rule added over HTTP; the file's stay. Returns how many went. */
    public synchronized int clearHttp() {
        int count = httpRules.size();
        httpRules = List.of();
        return count;
    }

    /** The rules file's rules, replacing the last ones (an empty list when the file is gone). */
    public synchronized void replaceFileRules(List<FaultRule> rules) {
        fileRules = List.copyOf(rules);
    }

    List<FaultRule> fileRules() {
        return fileRules;
    }

    /** At {@code maillab.dns.faults.max-rules}: no rule can be added until one goes. */
    public static final class TooManyRulesException extends RuntimeException {
        TooManyRulesException(int max) {
            super("already " + max + " rules (maillab.dns.faults.max-rules); delete some first");
        }
    }
}
