package dev.maillab.smtp.auth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads /etc/aliases-style lines: {@code name: user[, user...]}; targets may carry a domain, which is dropped. */
final class AliasFileParser {

    private static final Logger log = LoggerFactory.getLogger(AliasFileParser.class);

    Map<String, List<String>> parse(Path file, List<String> lines) {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                log.warn("{}:{}: not 'name: user[, user...]'; ignored", file, i + 1);
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            List<String> targets = new ArrayList<>();
            for (String target : line.substring(colon + 1).split(",")) {
                String t = target.strip();
                int at = t.indexOf('@');
                if (at >= 0) {
                    t = t.substring(0, at);
                }
                if (!t.isEmpty()) {
                    targets.add(t);
                }
            }
            if (targets.isEmpty()) {
                log.warn("{}:{}: alias '{}' names no user; ignored", file, i + 1, name);
                continue;
            }
            aliases.put(name, List.copyOf(targets));
        }
        return aliases;
    }
}
