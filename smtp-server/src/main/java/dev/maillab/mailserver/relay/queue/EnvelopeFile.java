package dev.maillab.mailserver.relay.queue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Envelope} as the small text file beside its message, one {@code name: value} per line, recipients one
 * {@code rcpt:} line each, so that {@code cat} shows what the queue holds:
 *
 * <pre>
 * version: 1
 * id: 6614EAAC93B90
 * sender: alice@example.local
 * arrival: 2026-12-01T10:00:00Z
 * size: 592
 * attempts: 1
 * next-try: 2026-12-01T10:00:10Z
 * last-error: connect to mail.example.test[127.0.0.3]:25: Connection refused
 * rcpt: bob@example.test
 * </pre>
 */
final class EnvelopeFile {

    /** Larger than any envelope the intake makes (100 recipients of 256 octets): more is not one of ours. */
    static final int MAX_BYTES = 256 * 1024;

    private static final String VERSION = "1";

    private EnvelopeFile() {}

    static byte[] format(Envelope e) {
        StringBuilder text = new StringBuilder(256 + 64 * e.recipients().size());
        line(text, "version", VERSION);
        line(text, "id", e.id());
        line(text, "sender", e.sender());
        line(text, "arrival", e.arrival().toString());
        line(text, "size", Long.toString(e.size()));
        line(text, "attempts", Integer.toString(e.attempts()));
        line(text, "next-try", e.nextTry().toString());
        if (e.lastError() != null) {
            line(text, "last-error", e.lastError());
        }
        for (String recipient : e.recipients()) {
            line(text, "rcpt", recipient);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append(": ");
        // one line per field whatever a remote server's reply held
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            text.append(c < ' ' || c == 127 ? '?' : c);
        }
        text.append('\n');
    }

    /** @throws IllegalArgumentException when the text is not a whole envelope of this version */
    static Envelope parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("envelope of " + bytes.length + " octets");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("envelope cut short");
        }
        String version = null;
        String id = null;
        String sender = null;
        Instant arrival = null;
        Long size = null;
        Integer attempts = null;
        Instant nextTry = null;
        String lastError = null;
        List<String> recipients = new ArrayList<>();
        try {
            for (String line : text.split("\n")) {
                int colon = line.indexOf(": ");
                String name = colon < 0 ? line.replace(":", "") : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 2);
                switch (name) {
                    case "version" -> version = value;
                    case "id" -> id = value;
                    case "sender" -> sender = value;
                    case "arrival" -> arrival = Instant.parse(value);
                    case "size" -> size = Long.parseLong(value);
                    case "attempts" -> attempts = Integer.parseInt(value);
                    case "next-try" -> nextTry = Instant.parse(value);
                    case "last-error" -> lastError = value;
                    case "rcpt" -> recipients.add(value);
                    default -> throw new IllegalArgumentException("unknown field " + name);
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!VERSION.equals(version)) {
            throw new IllegalArgumentException("envelope version " + version);
        }
        if (sender == null || arrival == null || size == null || attempts == null || nextTry == null) {
            throw new IllegalArgumentException("envelope without sender, arrival, size, attempts or next-try");
        }
        if (recipients.isEmpty() || recipients.stream().anyMatch(r -> r.indexOf('@') <= 0)) {
            throw new IllegalArgumentException("envelope without (valid) recipients");
        }
        return new Envelope(id, sender, recipients, arrival, size, attempts, nextTry, lastError);
    }
}
