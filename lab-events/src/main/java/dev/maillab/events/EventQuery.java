package dev.maillab.events;

import java.util.regex.Pattern;

/**
 * The parameters of {@code GET /api/events}, checked: {@code after} a seq (default 0), {@code limit} 1 to the
 * journal's page size (default 500), {@code kind} one event kind or all.
 */
public record EventQuery(long after, int limit, String kind) {

    public static final int DEFAULT_LIMIT = 500;

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");

    /**
     * From the request's parameters (null when absent).
     *
     * @throws IllegalArgumentException with what is wrong, for a 400
     */
    public static EventQuery parse(String after, String limit, String kind, int maxPage) {
        long a = after == null ? 0 : number("after", after, 0, Long.MAX_VALUE);
        int l = limit == null ? Math.min(DEFAULT_LIMIT, maxPage) : (int) number("limit", limit, 1, maxPage);
        if (kind != null && (kind.length() > 64 || !KIND.matcher(kind).matches())) {
            throw new IllegalArgumentException("kind must be an event kind such as smtp.delivery");
        }
        return new EventQuery(a, l, kind);
    }

    /**
     * Where a live stream starts: after the seq in the Last-Event-ID of a stream that reconnects (what came in
     * between is replayed), else after the newest event (only what comes next).
     */
    public static long streamStart(String lastEventId, EventJournal journal) {
        return lastEventId == null || lastEventId.isBlank()
                ? journal.last()
                : number("Last-Event-ID", lastEventId.strip(), 0, Long.MAX_VALUE);
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
}
