package dev.maillab.events;

import java.nio.charset.StandardCharsets;

/**
 * One recorded event: its number in the journal, its kind and its whole JSON object ({@code seq}, {@code time},
 * {@code kind}, then the kind's own fields), serialized once when it was recorded.
 */
public record Event(long seq, String kind, byte[] json) {

    /** The JSON as text. */
    public String text() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
