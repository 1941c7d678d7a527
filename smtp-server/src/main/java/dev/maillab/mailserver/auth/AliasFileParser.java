package dev.maillab.mailserver.auth;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads /etc/aliases-style lines, {@code name: user[, user...]}, all of them or none: a line that is not of that
 * form, a repeated alias, a target that is a file, command or include (not supported here), a loop (a: b, b: a)
 * or a chain deeper than delivery follows throws {@link UsersFileException} naming the file and line. A target
 * may carry a domain, which is dropped.
 */
final class AliasFileParser {

    /** How many aliases delivery follows from an address to a user. */
    static final int MAX_DEPTH = 8;

    Map<String, List<String>> parse(Path file, List<String> lines) {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UsersFileException("aliases", file, number, "not 'name: user[, user...]'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!PasswdFileParser.NAME.matcher(name).matches()) {
                throw new UsersFileException("aliases", file, number, "alias name '" + name + "' not allowed");
            }
            List<String> targets = new ArrayList<>();
            for (String target : line.substring(colon + 1).split(",")) {
                String t = target.strip();
                int at = t.indexOf('@');
                if (at >= 0) {
                    t = t.substring(0, at);
                }
                if (t.isEmpty()) {
                    continue;
                }
                if (!PasswdFileParser.NAME.matcher(t).matches()) {
                    throw new UsersFileException(
                            "aliases",
                            file,
                            number,
                            "alias '" + name + "': target '"
                                    + target.strip() + "' is not a user or alias name (files, |commands and :include: "
                                    + "are not supported)");
                }
                targets.add(t.toLowerCase(Locale.ROOT));
            }
            if (targets.isEmpty()) {
                throw new UsersFileException("aliases", file, number, "alias '" + name + "' names no user");
            }
            Integer first = lineOf.putIfAbsent(name, number);
            if (first != null) {
                throw new UsersFileException(
                        "aliases", file, number, "duplicate alias '" + name + "' (first on line " + first + ")");
            }
            aliases.put(name, List.copyOf(targets));
        }
        Map<String, Integer> depth = new HashMap<>();
        for (String name : aliases.keySet()) {
            depth(file, name, aliases, lineOf, new ArrayDeque<>(), depth);
        }
        return aliases;
    }

    /**
     * How many aliases the longest chain from {@code name} passes (0 for a user), each alias worked out once;
     * a chain that comes back to an alias on it, or goes deeper than delivery follows, throws.
     */
    private static int depth(
            Path file,
            String name,
            Map<String, List<String>> aliases,
            Map<String, Integer> lineOf,
            Deque<String> path,
            Map<String, Integer> known) {
        List<String> targets = aliases.get(name);
        if (targets == null) {
            return 0;
        }
        Integer cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        if (path.contains(name)) {
            List<String> loop = new ArrayList<>(path);
            loop.add(name);
            loop = loop.subList(loop.indexOf(name), loop.size());
            throw new UsersFileException("aliases", file, lineOf.get(name), "alias loop " + String.join(" -> ", loop));
        }
        path.addLast(name);
        int deepest = 0;
        for (String target : targets) {
            deepest = Math.max(deepest, depth(file, target, aliases, lineOf, path, known));
        }
        path.removeLast();
        if (deepest + 1 > MAX_DEPTH) {
            throw new UsersFileException(
                    "aliases",
                    file,
                    lineOf.get(name),
                    "alias '" + name + "' starts a chain of more than " + MAX_DEPTH + " aliases");
        }
        known.put(name, deepest + 1);
        return deepest + 1;
    }
}
