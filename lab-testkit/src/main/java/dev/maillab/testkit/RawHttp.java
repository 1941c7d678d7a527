package dev.maillab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand over a socket, for what java.net.http will not do: declare a length and send nothing, send
 * chunks, trickle a body, name a Host of one's choosing. One request per connection.
 */
public final class RawHttp implements AutoCloseable {

    /** A response as it came: status code, the header block as text, the body (de-chunked if it was chunked). */
    public record Response(int status, String headers, String body) {
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(readTimeoutMillis);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** {@code GET path} with this Host header, read to its end. */
    public static Response get(int port, String host, String path) throws IOException {
        try (RawHttp c = new RawHttp(port, 10_000)) {
            c.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return c.read();
        }
    }

    /** Request line and headers for a JSON POST to /api/mail; the blank line ends them. */
    public void head(String... headers) throws IOException {
        StringBuilder sb =
                new StringBuilder("POST /api/mail HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void chunk(byte[] bytes, int off, int len) throws IOException {
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, off, len);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    public void lastChunk() throws IOException {
        write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    public Response read() throws IOException {
        String head = readHead();
        int status = Integer.parseInt(head.substring(9, 12));
        Response r = new Response(status, head, "");
        String length = r.header("Content-Length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(r.header("Transfer-Encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                int n = Integer.parseInt(line().strip(), 16);
                if (n == 0) {
                    line();
                    break;
                }
                b.writeBytes(in.readNBytes(n));
                line();
            }
            body = b.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String l = line();
            if (l.isEmpty()) {
                return sb.toString();
            }
            sb.append(l).append("\r\n");
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed; got "
                        + b.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
