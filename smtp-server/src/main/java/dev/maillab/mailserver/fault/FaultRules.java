package dev.maillab.mailserver.fault;

import dev.maillab.mailserver.smtp.SmtpFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every fault rule, the file's first, then the API's in the order they were added; the first that matches a probe
 * answers. The random source for probabilities is given (tests pass a fixed one).
 */
public final class FaultRules implements SmtpFaults {

    private static final Logger log = LoggerFactory.getLogger(FaultRules.class);

    private final FaultRulesFile file;
    private final int maxRules;
    private final DoubleSupplier random;
    private final List<FaultRule> added = new ArrayList<>();
    private volatile List<FaultRule> api = List.of();
    private final AtomicLong ids = new AtomicLong();

    FaultRules(FaultProperties properties, DoubleSupplier random) {
        this.file = properties.file() == null
                ? null
                : new FaultRulesFile(properties.file(), properties.reloadSettle(), properties.maxRules());
        this.maxRules = properties.maxRules();
        this.random = random;
    }

    /** With {@link ThreadLocalRandom} for the probabilities. */
    public FaultRules(FaultProperties properties) {
        this(properties, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Optional<Fault> at(Probe probe) {
        for (FaultRule rule : fileRules()) {
            if (rule.matches(probe, random)) {
                return Optional.of(rule.fault());
            }
        }
        for (FaultRule rule : api) {
            if (rule.matches(probe, random)) {
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }

    /** The file's rules, then the API's. */
    List<FaultRule> all() {
        List<FaultRule> all = new ArrayList<>(fileRules());
        all.addAll(api);
        return all;
    }

    private List<FaultRule> fileRules() {
        return file == null ? List.of() : file.rules();
    }

    /** The rules file and why it is not in use, if it is not ({@code null}s without a file). */
    String filePath() {
        return file == null ? null : file.path().toString();
    }

    String fileError() {
        return file == null ? null : file.error();
    }

    /**
     * Adds a rule from the API, after the others.
     *
     * @throws IllegalArgumentException a bad rule, an id in use, or no room left
     */
    synchronized FaultRule add(JsonNode json) {
        FaultRule rule = FaultRule.parse(json, FaultRule.Source.API, "api-" + (ids.get() + 1));
        List<FaultRule> all = all();
        if (all.size() >= maxRules) {
            throw new IllegalArgumentException(
                    "there are " + all.size() + " rules already (maillab.smtp.faults.max-rules)");
        }
        if (all.stream().anyMatch(r -> r.id().equals(rule.id()))) {
            throw new IllegalArgumentException("id: '" + rule.id() + "' is in use");
        }
        ids.incrementAndGet();
        added.add(rule);
        api = List.copyOf(added);
        log.info("fault rules: added {} ({})", rule.id(), rule.view());
        return rule;
    }

    /** Removes an API rule; false when there is none of that id. */
    synchronized boolean remove(String id) {
        boolean removed = added.removeIf(r -> r.id().equals(id));
        if (removed) {
            api = List.copyOf(added);
            log.info("fault rules: removed {}", id);
        }
        return removed;
    }

    /** Removes every API rule and says how many there were. */
    synchronized int clear() {
        int n = added.size();
        added.clear();
        api = List.of();
        if (n > 0) {
            log.info("fault rules: removed the API's {} rules", n);
        }
        return n;
    }
}
