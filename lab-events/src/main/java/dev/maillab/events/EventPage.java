package dev.maillab.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One answer of {@code GET /api/events}: events oldest first, and the newest seq the journal has given (of any kind),
 * so a reader knows whether to ask again.
 */
public record EventPage(List<Event> events, long last) {

    /** {@code {"events":[...],"last":N}}: the events' JSON as recorded, not parsed again. */
    public byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                32 + events.stream().mapToInt(e -> e.json().length + 1).sum());
        out.writeBytes("{\"events\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i).json());
        }
        out.writeBytes(("],\"last\":" + last + "}").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
