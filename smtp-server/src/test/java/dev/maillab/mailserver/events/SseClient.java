package dev.maillab.mailserver.events;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text/event-stream reader on a plain socket (HTTP/1.1, chunked): a test decides exactly when the connection
 * closes, which is what the server has to notice to give the stream's slot back.
 */
final class SseClient implements AutoCloseable {

    /** One frame: a comment ({@code : hello}) or an event's id, event and data lines. */
    record Frame(String comment, String id, String event, String data) {}

    private final Socket socket;
    private final InputStream in;
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** The body of an answer that is no stream (a problem). */
    String body;

    private final boolean chunked;
    private int chunkLeft;

    SseClient(int port, String lastEventId) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        String request = "GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String statusLine = rawLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String h = rawLine(); !h.isEmpty(); h = rawLine()) {
            int colon = h.indexOf(':');
            headers.put(
                    h.substring(0, colon).toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).strip());
        }
        chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        if (status != 200) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (chunked) {
                for (int c = bodyOctet(); c >= 0; c = bodyOctet()) {
                    b.write(c);
                }
            } else {
                b.writeBytes(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
            }
            body = b.toString(StandardCharsets.UTF_8);
        }
    }

    /** The next frame; fails after the socket's read timeout. */
    Frame next() throws IOException {
        String comment = null;
        String id = null;
        String event = null;
        StringBuilder data = null;
        while (true) {
            String line = bodyLine();
            if (line.isEmpty()) {
                if (comment != null || data != null) {
                    return new Frame(comment, id, event, data == null ? null : data.toString());
                }
                continue;
            }
            if (line.startsWith(":")) {
                comment = line.substring(1).strip();
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(6));
            }
        }
    }

    /** The next event frame, skipping comments (pings). */
    Frame nextEvent() throws IOException {
        for (Frame f = next(); ; f = next()) {
            if (f.event() != null) {
                return f;
            }
        }
    }

    /** The event frames until one of {@code kind} (included). */
    List<Frame> until(String kind) throws IOException {
        List<Frame> frames = new ArrayList<>();
        Frame f;
        do {
            f = nextEvent();
            frames.add(f);
        } while (!kind.equals(f.event()));
        return frames;
    }

    private String bodyLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = bodyOctet(); c != '\n'; c = bodyOctet()) {
            if (c < 0) {
                throw new EOFException("stream ended");
            }
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private int bodyOctet() throws IOException {
        if (!chunked) {
            return in.read();
        }
        if (chunkLeft == 0) {
            String size = rawLine();
            if (size.isEmpty()) {
                size = rawLine(); // the CRLF after the previous chunk
            }
            chunkLeft = Integer.parseInt(size.strip(), 16);
            if (chunkLeft == 0) {
                return -1;
            }
        }
        chunkLeft--;
        return in.read();
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
