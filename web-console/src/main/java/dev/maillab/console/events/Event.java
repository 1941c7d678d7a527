package dev.maillab.console.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One event as a service recorded it: the common fields and the whole JSON object for the kind's own fields.
 *
 * <p>An event read from a live stream keeps the service's JSON as text and builds its tree only when something asks
 * for {@link #data()} (a journey, a filter): the console relays every event of every service, most of them to no
 * page at all, and a tree per event of ~1 KB (an SMTP session's transcript) was most of its CPU under load.
 */
public final class Event {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Service service;
    private final long seq;
    private final Instant time;
    private final String kind;
    /** The service's JSON, when read from a stream; null when made from a tree. */
    private final String raw;

    private volatile JsonNode data;

    private Event(Service service, long seq, Instant time, String kind, String raw, JsonNode data) {
        this.service = service;
        this.seq = seq;
        this.time = time;
        this.kind = kind;
        this.raw = raw;
        this.data = data;
    }

    /** Reads the common fields; null when the object is not an event (no seq or kind). */
    public static Event of(Service service, JsonNode data) {
        if (data == null || !data.isObject()) {
            return null;
        }
        JsonNode seq = data.get("seq");
        JsonNode kind = data.get("kind");
        if (seq == null || !seq.isNumber() || kind == null || !kind.isString()) {
            return null;
        }
        return new Event(service, seq.asLong(), instant(data.get("time")), kind.stringValue(), null, data);
    }

    /**
     * Reads the common fields of one JSON object from the text, which is kept for {@link #json()} and {@link #data()};
     * null when it is not an event (no seq or kind). The services write {@code seq}, {@code time} and {@code kind}
     * first, so the rest is not read here.
     *
     * @throws JacksonException when the text is not JSON as far as it is read
     */
    public static Event parse(Service service, String json) {
        long seq = 0;
        boolean hasSeq = false;
        boolean hasTime = false;
        String kind = null;
        Instant time = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (!(hasSeq && hasTime && kind != null) && p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "seq" -> {
                        hasSeq = value == JsonToken.VALUE_NUMBER_INT;
                        seq = hasSeq ? p.getLongValue() : 0;
                    }
                    case "kind" -> kind = value == JsonToken.VALUE_STRING ? p.getString() : null;
                    case "time" -> {
                        hasTime = true;
                        time = value == JsonToken.VALUE_STRING ? parseInstant(p.getString()) : null;
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return hasSeq && kind != null ? new Event(service, seq, time, kind, json, null) : null;
    }

    /** Who recorded it. */
    public Service service() {
        return service;
    }

    /** Its number there (increasing per service). */
    public long seq() {
        return seq;
    }

    /** When; null when it had no readable time. */
    public Instant time() {
        return time;
    }

    /** E.g. {@code smtp.delivery}. */
    public String kind() {
        return kind;
    }

    /**
     * The event's JSON object, as the service sent it (a missing node, whose fields are all absent, for a streamed
     * text that turns out not to be JSON past its common fields).
     */
    public JsonNode data() {
        JsonNode d = data;
        if (d == null) {
            try {
                d = JSON.readTree(raw);
            } catch (JacksonException e) {
                d = MissingNode.getInstance();
            }
            data = d;
        }
        return d;
    }

    /** The event as one line of JSON: the service's own text when it came from a stream as one line. */
    public String json() {
        if (raw != null && raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
            return raw;
        }
        return JSON.writeValueAsString(data());
    }

    /** A string field, null when absent or null. */
    public String text(String field) {
        return text(data(), field);
    }

    /** A number field, or the fallback. */
    public long number(String field, long fallback) {
        JsonNode v = data().get(field);
        return v != null && v.isNumber() ? v.asLong() : fallback;
    }

    /** An instant field, null when absent or unreadable. */
    public Instant instant(String field) {
        return instant(data().get(field));
    }

    /** A list-of-strings field, empty when absent. */
    public List<String> texts(String field) {
        return texts(data().get(field));
    }

    /** An array field's elements, empty when absent. */
    public List<JsonNode> array(String field) {
        JsonNode v = data().get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isString() ? v.stringValue() : v.toString();
    }

    public static List<String> texts(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            for (JsonNode e : v) {
                if (e != null && !e.isNull()) {
                    out.add(e.isString() ? e.stringValue() : e.toString());
                }
            }
        }
        return out;
    }

    private static Instant instant(JsonNode v) {
        return v == null || !v.isString() ? null : parseInstant(v.stringValue());
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Event[" + service + " " + seq + " " + kind + "]";
    }
}
