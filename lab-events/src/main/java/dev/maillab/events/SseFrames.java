package dev.maillab.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text/event-stream frames of a live stream: per event {@code id: <seq>}, {@code event: <kind>},
 * {@code data: <its JSON>} (one line: the JSON holds no raw line break), and a comment to show the stream is alive.
 */
public final class SseFrames {

    /** Sent first, so the reader sees the stream open before any event. */
    public static final byte[] HELLO = ": hello\n\n".getBytes(StandardCharsets.US_ASCII);

    public static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {}

    public static byte[] of(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Event e : events) {
            out.writeBytes(
                    ("id: " + e.seq() + "\nevent: " + e.kind() + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(e.json());
            out.write('\n');
            out.write('\n');
        }
        return out.toByteArray();
    }
}
