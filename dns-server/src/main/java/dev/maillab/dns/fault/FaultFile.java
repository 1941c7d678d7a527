package dev.maillab.dns.fault;

import dev.maillab.dns.namedconf.ConfigFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules file: one rule a line, {@code name [type] action [p=<0..1>] [udp|tcp|both]}, the name first and the
 * rest in any order; {@code #} starts a comment, blank lines are skipped. A rule's id is {@code file-<line>}.
 */
public final class FaultFile {

    private FaultFile() {}

    /**
     * @throws ConfigFileException {@code file:line: problem} for the first bad line, or line 0 when unreadable
     */
    public static List<FaultRule> read(Path file, int maxRules, Duration maxDelay) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot read: " + e, e);
        }
        List<FaultRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            if (rules.size() >= maxRules) {
                throw new ConfigFileException(
                        file, i + 1, "more than " + maxRules + " rules (maillab.dns.faults.max-rules)");
            }
            try {
                rules.add(rule(i + 1, text.split("\\s+"), maxDelay));
            } catch (IllegalArgumentException e) {
                throw new ConfigFileException(file, i + 1, e.getMessage());
            }
        }
        return rules;
    }

    private static FaultRule rule(int line, String[] tokens, Duration maxDelay) {
        String type = null;
        String action = null;
        Double probability = null;
        String transport = null;
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.startsWith("p=")) {
                probability = once(probability, probability(token.substring(2)), token);
            } else if (lower.equals("udp") || lower.equals("tcp") || lower.equals("both")) {
                transport = once(transport, lower, token);
            } else if (isType(token)) {
                type = once(type, token, token);
            } else if (lower.startsWith("delay=") || isActionWord(lower)) {
                action = once(action, token, token);
            } else {
                throw new IllegalArgumentException("'" + token + "' is neither a type (A, MX, PTR, TXT, ANY ...) nor an"
                        + " action (servfail, nxdomain, refused, drop, delay=<n>ms|s|m)");
            }
        }
        return FaultRule.of(
                FaultRules.FILE + "-" + line,
                FaultRules.FILE,
                tokens[0],
                type,
                action,
                probability,
                transport,
                maxDelay);
    }

    private static boolean isActionWord(String lower) {
        for (FaultAction.Kind kind : FaultAction.Kind.values()) {
            if (kind.word().equals(lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isType(String token) {
        try {
            FaultRule.type(token);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static double probability(String written) {
        try {
            return Double.parseDouble(written);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("probability '" + written + "' is not a number between 0 and 1");
        }
    }

    private static <T> T once(T before, T value, String token) {
        if (before != null) {
            throw new IllegalArgumentException("'" + token + "' repeats a part the rule already has");
        }
        return value;
    }
}
