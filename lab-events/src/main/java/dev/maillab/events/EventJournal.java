package dev.maillab.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest events of one service, bounded in number and in bytes: each is serialized to JSON once, when recorded,
 * and the oldest are dropped first. Numbers ({@code seq}) rise by one per event of any kind and are never reused, so
 * a reader pages with {@code after} and a stream resumes after the last one it saw. At most {@code max-rate} events
 * are recorded per second: the ones beyond are counted, and the first event of the next second is an
 * {@code events.dropped} that says how many. Thread-safe; recording costs one serialization and a short lock, a
 * dropped event only the lock, and nothing when the journal is disabled.
 */
public final class EventJournal {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final boolean enabled;
    private final long maxBytes;
    private final long maxEventSize;
    private final Clock clock;
    private final int maxRate;
    /** The ring: {@code count} events from {@code head}, the oldest first. */
    private final Event[] ring;

    private int head;
    private int count;
    private long bytes;
    private long seq;
    private long timeMillis;
    private String timeText;
    private volatile String lastKind;
    /** The current second of the rate limit (System.nanoTime), what it admitted and what it dropped. */
    private long windowStart;

    private int admitted;
    private long droppedInWindow;
    private long dropped;

    public EventJournal(EventsProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public EventJournal(EventsProperties properties, Clock clock) {
        this.enabled = properties.enabled();
        this.ring = new Event[properties.capacity()];
        this.maxBytes = properties.maxMemory().toBytes();
        this.maxEventSize = properties.maxEventSize().toBytes();
        this.clock = clock;
        this.maxRate = properties.maxRate();
        this.windowStart = System.nanoTime();
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Records an event now.
     *
     * @param kind   e.g. {@code smtp.delivery} (lower case words joined by dots)
     * @param fields a record or map whose properties become the event's own fields (Jackson's rules; null values
     *               are written as null)
     * @return its seq, 0 when the journal is disabled
     */
    public long record(String kind, Object fields) {
        if (!enabled) {
            return 0;
        }
        checkKind(kind);
        if (!admit()) {
            return 0;
        }
        byte[] own = JSON.writeValueAsBytes(fields);
        if (own.length < 2 || own[0] != '{') {
            throw new IllegalArgumentException("an event's fields must serialize to a JSON object, not " + fields);
        }
        return append(kind, own);
    }

    /**
     * Records an event now whose fields the caller has already written as JSON: for a hot path that keeps the
     * serialized form of what repeats (dns-server's answers) and would otherwise pay Jackson for every event.
     *
     * @param fields one compact JSON object in UTF-8 as Jackson writes it ({@code {}} or {@code {"name":...}}), on
     *               one line (no raw CR or LF: it becomes an SSE data line)
     * @return its seq, 0 when the journal is disabled
     */
    public long recordJson(String kind, byte[] fields) {
        return recordJson(kind, () -> fields);
    }

    /**
     * As {@link #recordJson(String, byte[])}, the fields made only when the event is recorded: a dropped event (above
     * {@code max-rate}) costs the hot path no work.
     */
    public long recordJson(String kind, Supplier<byte[]> made) {
        if (!enabled) {
            return 0;
        }
        checkKind(kind);
        if (!admit()) {
            return 0;
        }
        byte[] fields = made.get();
        if (fields.length < 2
                || fields[0] != '{'
                || fields[fields.length - 1] != '}'
                || (fields.length > 2 && fields[1] != '"')) {
            throw new IllegalArgumentException("an event's fields must be one compact JSON object");
        }
        for (byte b : fields) {
            if (b == '\n' || b == '\r') {
                throw new IllegalArgumentException("an event's JSON must be one line");
            }
        }
        return append(kind, fields);
    }

    /** A place in this second's share, or the event is counted as dropped. */
    private synchronized boolean admit() {
        long now = System.nanoTime();
        if (now - windowStart >= 1_000_000_000L) {
            long before = droppedInWindow;
            windowStart = now;
            admitted = 0;
            droppedInWindow = 0;
            if (before > 0) {
                admitted++;
                append(
                        "events.dropped",
                        ("{\"dropped\":" + before + ",\"maxRate\":" + maxRate + "}")
                                .getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (admitted >= maxRate) {
            droppedInWindow++;
            dropped++;
            return false;
        }
        admitted++;
        return true;
    }

    /** Events not recorded since start because they came above {@code max-rate}. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Kinds are constants: the one checked last is not matched again. */
    private void checkKind(String kind) {
        if (kind != lastKind) {
            if (!KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException("not an event kind: " + kind);
            }
            lastKind = kind;
        }
    }

    private long append(String kind, byte[] own) {
        synchronized (this) {
            long n = ++seq;
            byte[] prefix = ("{\"seq\":" + n + ",\"time\":\"" + time() + "\",\"kind\":\"" + kind + "\"")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] json;
            if (prefix.length + own.length > maxEventSize) {
                json = join(
                        prefix,
                        (",\"truncated\":true,\"size\":" + own.length + "}").getBytes(StandardCharsets.US_ASCII));
            } else if (own.length == 2) {
                json = join(prefix, new byte[] {'}'});
            } else {
                json = new byte[prefix.length + own.length];
                System.arraycopy(prefix, 0, json, 0, prefix.length);
                json[prefix.length] = ',';
                System.arraycopy(own, 1, json, prefix.length + 1, own.length - 1);
            }
            if (count == ring.length) {
                dropOldest();
            }
            ring[(head + count) % ring.length] = new Event(n, kind, json);
            count++;
            bytes += json.length;
            while (bytes > maxBytes) {
                dropOldest();
            }
            notifyAll();
            return n;
        }
    }

    /**
     * Now, to the millisecond, as ISO-8601; formatted once per millisecond (under the lock, so times rise with
     * seqs).
     */
    private String time() {
        long millis = clock.millis();
        if (millis != timeMillis || timeText == null) {
            timeMillis = millis;
            timeText = Instant.ofEpochMilli(millis).toString();
        }
        return timeText;
    }

    /** The events after {@code after}, oldest first, at most {@code limit}, of one kind or all (null). */
    public synchronized EventPage read(long after, int limit, String kind) {
        List<Event> page = new ArrayList<>(Math.min(limit, count));
        long first = seq - count + 1; // seqs in the ring are consecutive
        for (long n = Math.max(first, after + 1); n <= seq && page.size() < limit; n++) {
            Event e = ring[(int) ((head + (n - first)) % ring.length)];
            if (kind == null || kind.equals(e.kind())) {
                page.add(e);
            }
        }
        return new EventPage(page, seq);
    }

    public EventPage read(EventQuery query) {
        return read(query.after(), query.limit(), query.kind());
    }

    /**
     * The events after {@code after} (at most {@code limit}), waiting up to {@code timeout} for one when there are
     * none yet: what a live stream sends next. Empty after the timeout.
     */
    public synchronized List<Event> await(long after, int limit, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seq <= after) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return read(after, limit, null).events();
    }

    /** The newest seq given, 0 before the first event. */
    public synchronized long last() {
        return seq;
    }

    /** Events held now. */
    public synchronized int size() {
        return count;
    }

    /** Bytes of JSON held now. */
    public synchronized long bytes() {
        return bytes;
    }

    private void dropOldest() {
        bytes -= ring[head].json().length;
        ring[head] = null;
        head = (head + 1) % ring.length;
        count--;
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
