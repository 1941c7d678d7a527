package dev.maillab.mailserver.fault;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules file ({@code maillab.smtp.faults.file}): a JSON array of rules, read again when its mtime, size or inode
 * changes and it has been quiet for the settle time, all or nothing: a version that does not parse whole is refused
 * with an ERROR saying why, and the last good rules stay. A file that is not there (deleted) means no file rules.
 * One stat per look-up, and no exception when there is no file.
 */
final class FaultRulesFile {

    private static final Logger log = LoggerFactory.getLogger(FaultRulesFile.class);
    private static final long MAX_BYTES = 1 << 20;

    private record Stamp(FileTime mtime, long size, Object key) {}

    private final Path file;
    private final File ioFile;
    private final long settleNanos;
    private final int maxRules;
    private final JsonMapper json = JsonMapper.builder().build();

    private volatile List<FaultRule> rules = List.of();
    private volatile String error;
    /** The stamp the rules came from, or of the version last refused; null: no file. */
    private volatile Stamp seen;

    private Stamp pending;
    private long pendingSince;

    FaultRulesFile(Path file, Duration settle, int maxRules) {
        this.file = file;
        this.ioFile = file.toFile();
        this.settleNanos = settle.toNanos();
        this.maxRules = maxRules;
        Stamp now = stat();
        if (now != null) {
            load(now);
        } else {
            log.info("fault rules: {} does not exist; no file rules until it does", file);
        }
    }

    Path path() {
        return file;
    }

    /** Why the file on disk is not what is used, or null. */
    String error() {
        return error;
    }

    /** The file's rules now, read again first if the file changed. */
    List<FaultRule> rules() {
        Stamp now = stat();
        if (!Objects.equals(now, seen)) {
            synchronized (this) {
                if (!Objects.equals(now, seen)) {
                    reload(now);
                }
            }
        }
        return rules;
    }

    private void reload(Stamp now) {
        if (now == null) {
            if (!rules.isEmpty()) {
                log.info("fault rules: {} is gone; its {} rules are cleared", file, rules.size());
            }
            rules = List.of();
            error = null;
            seen = null;
            return;
        }
        long nanos = System.nanoTime();
        if (!now.equals(pending)) {
            pending = now;
            pendingSince = nanos;
        }
        Duration age = Duration.between(now.mtime().toInstant(), Instant.now());
        if (age.toNanos() < settleNanos && nanos - pendingSince < settleNanos) {
            return; // still being written, perhaps: the next look-up sees
        }
        load(now);
    }

    private void load(Stamp now) {
        try {
            List<FaultRule> parsed = parse(read(now));
            rules = parsed;
            error = null;
            log.info("fault rules: loaded {} ({} rules)", file, parsed.size());
        } catch (IllegalArgumentException e) {
            String message = "fault rules: " + file + ": " + e.getMessage();
            if (!message.equals(error)) {
                log.error("{}; keeping the {} rules loaded before", message, rules.size());
            }
            error = message;
        }
        seen = now;
    }

    private String read(Stamp stamp) {
        if (stamp.size() > MAX_BYTES) {
            throw new IllegalArgumentException("larger than " + MAX_BYTES + " bytes");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot be read: " + e);
        }
    }

    private List<FaultRule> parse(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not a JSON array of rules");
        }
        if (root.size() > maxRules) {
            throw new IllegalArgumentException("more than " + maxRules + " rules (maillab.smtp.faults.max-rules)");
        }
        List<FaultRule> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode node : root.values()) {
            n++;
            FaultRule rule;
            try {
                rule = FaultRule.parse(node, FaultRule.Source.FILE, "file-" + n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + n + ": " + e.getMessage());
            }
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("rule " + n + ": id '" + rule.id() + "' appears twice");
            }
            parsed.add(rule);
        }
        return List.copyOf(parsed);
    }

    private Stamp stat() {
        // without a file (the usual case) every SMTP command would otherwise build a NoSuchFileException and its
        // stack trace; java.io.File says "not there" with the same one stat and no exception
        if (seen == null && !ioFile.exists()) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
