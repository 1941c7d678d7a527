package dev.maillab.console.dns;

import dev.maillab.console.BadInputException;
import dev.maillab.console.events.Event;
import java.util.Locale;

/**
 * The query log's filter: words that must each appear (case-insensitive) in a query's name, type, rcode, client,
 * transport or answers; "mx example.local" shows the MX queries for example.local.
 */
public record QueryFilter(String text) {

    static final int MAX_LENGTH = 200;

    public QueryFilter {
        text = text == null ? "" : text.strip();
        if (text.length() > MAX_LENGTH || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadInputException("a filter is at most " + MAX_LENGTH + " printable characters");
        }
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public boolean matches(Event query) {
        if (text.isEmpty()) {
            return true;
        }
        String haystack = String.join(
                        " ",
                        String.valueOf(query.text("name")),
                        String.valueOf(query.text("type")),
                        String.valueOf(query.text("rcode")),
                        String.valueOf(query.text("client")),
                        String.valueOf(query.text("transport")),
                        String.join(" ", query.texts("answers")))
                .toLowerCase(Locale.ROOT);
        for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
