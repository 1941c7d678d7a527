package dev.maillab.app.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reader of {@code GET /api/events/stream} on a raw socket, so a test decides when it leaves (closing the socket
 * is a reader that went away) and reads the Server-Sent Events frames as they come, chunked transfer decoded.
 */
public final class SseClient implements AutoCloseable {

    /**
     * One frame: the fields of an event ({@code id}, {@code event}, {@code data}), or only a comment
     * ({@code hello}, {@code ping}).
     */
    public record Frame(String id, String event, String data, String comment) {
        public boolean isEvent() {
            return event != null;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final String headers;
    private InputStream body;

    /** @param lastEventId null: none sent */
    public SseClient(int port, String lastEventId, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(readTimeoutMillis);
        in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                        + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            head.append(l).append("\r\n");
        }
        headers = head.toString();
        status = Integer.parseInt(headers.substring(9, 12));
        String length = header("Content-Length");
        body = "chunked".equalsIgnoreCase(header("Transfer-Encoding"))
                ? new Dechunked(in)
                : length == null ? in : new ByteArrayInputStream(in.readNBytes(Integer.parseInt(length)));
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        for (String l : headers.split("\r\n")) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).equalsIgnoreCase(name)) {
                return l.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** The whole body of an answer that is not a stream (a problem). */
    public String body() throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next frame; blocks up to the read timeout. */
    public Frame next() throws IOException {
        String id = null;
        String event = null;
        String data = null;
        String comment = null;
        List<String> lines = new ArrayList<>();
        for (String l = line(body); !l.isEmpty(); l = line(body)) {
            lines.add(l);
        }
        for (String l : lines) {
            if (l.startsWith(":")) {
                comment = l.substring(1).strip();
            } else if (l.startsWith("id: ")) {
                id = l.substring(4);
            } else if (l.startsWith("event: ")) {
                event = l.substring(7);
            } else if (l.startsWith("data: ")) {
                data = l.substring(6);
            }
        }
        return new Frame(id, event, data, comment);
    }

    /** The next frame that is an event, past the pings. */
    public Frame nextEvent() throws IOException {
        for (Frame f = next(); ; f = next()) {
            if (f.isEvent()) {
                return f;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("stream ended after \"" + b.toString(StandardCharsets.UTF_8) + "\"");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** HTTP/1.1 chunked transfer coding, decoded as it arrives. */
    private static final class Dechunked extends InputStream {
        private final InputStream in;
        private long left;

        Dechunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                String size = line(in);
                if (size.isEmpty()) { // the CRLF after the previous chunk
                    size = line(in);
                }
                left = Long.parseLong(size.strip(), 16);
                if (left == 0) {
                    return -1;
                }
            }
            left--;
            return in.read();
        }
    }
}
