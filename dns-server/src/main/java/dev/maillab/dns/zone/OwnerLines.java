package dev.maillab.dns.zone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * Finds the line where an owner name is written, for errors dnsjava reports without a line
 * (it does not expose the line of a parsed record). Best effort: only the error path uses it.
 */
final class OwnerLines {

    private OwnerLines() {}

    static int firstLineOf(Path file, Name owner) {
        String absolute = owner.toString().toLowerCase(Locale.ROOT);
        String firstLabel = owner.getLabelString(0).toLowerCase(Locale.ROOT);
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
                    continue;
                }
                String token = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                if (token.equals(absolute) || token.equals(firstLabel) || absolute.startsWith(token + ".")) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: line 1 still names the file
        }
        return 1;
    }
}
