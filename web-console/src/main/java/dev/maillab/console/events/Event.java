package dev.maillab.console.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One event as a service recorded it: the common fields and the whole JSON object for the kind's own fields.
 *
 * @param service who recorded it
 * @param seq     its number there (increasing per service)
 * @param time    when
 * @param kind    e.g. {@code smtp.delivery}
 * @param data    the event's JSON object, as the service sent it
 */
public record Event(Service service, long seq, Instant time, String kind, JsonNode data) {

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
        return new Event(service, seq.asLong(), instant(data.get("time")), kind.stringValue(), data);
    }

    /** A string field, null when absent or null. */
    public String text(String field) {
        return text(data, field);
    }

    /** A number field, or the fallback. */
    public long number(String field, long fallback) {
        JsonNode v = data.get(field);
        return v != null && v.isNumber() ? v.asLong() : fallback;
    }

    /** An instant field, null when absent or unreadable. */
    public Instant instant(String field) {
        return instant(data.get(field));
    }

    /** A list-of-strings field, empty when absent. */
    public List<String> texts(String field) {
        return texts(data.get(field));
    }

    /** An array field's elements, empty when absent. */
    public List<JsonNode> array(String field) {
        JsonNode v = data.get(field);
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
        if (v == null || !v.isString()) {
            return null;
        }
        try {
            return Instant.parse(v.stringValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
