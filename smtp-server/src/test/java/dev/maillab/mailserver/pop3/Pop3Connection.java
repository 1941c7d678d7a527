package dev.maillab.mailserver.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw POP3 client for exact, octet-level assertions. */
final class Pop3Connection implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Pop3Connection(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    Pop3Connection(Socket socket) throws IOException {
        use(socket);
    }

    void use(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends one command and returns the first line of the reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return readLine();
    }

    /** One line without its CRLF; fails if the line does not end in CRLF. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after " + line);
            }
            if (c == '\n') {
                if (prev != '\r') {
                    throw new IOException("bare LF in reply: " + line);
                }
                byte[] b = line.toByteArray();
                return new String(b, 0, b.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
            prev = c;
        }
    }

    /** The lines of a multi-line reply up to (not including) the terminating ".", still dot-stuffed. */
    List<String> readMultiLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = readLine(); !l.equals("."); l = readLine()) {
            lines.add(l);
        }
        return lines;
    }

    /** The octets of a multi-line reply body, dot-stuffing removed, each line ending in CRLF. */
    byte[] readBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String l : readMultiLine()) {
            String unstuffed = l.startsWith(".") ? l.substring(1) : l;
            body.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return body.toByteArray();
    }

    /**
     * One multi-line reply exactly as sent: status line, still dot-stuffed body and the ".CRLF"
     * terminator, read octet by octet until the terminator.
     */
    byte[] readRawMultiLine() throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int statusEnd = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after " + reply.size() + " octets");
            }
            reply.write(c);
            byte[] b = reply.toByteArray();
            int n = b.length;
            if (statusEnd < 0) {
                if (n >= 2 && b[n - 2] == '\r' && b[n - 1] == '\n') {
                    statusEnd = n;
                }
            } else if (n - statusEnd >= 3
                    && b[n - 3] == '.'
                    && b[n - 2] == '\r'
                    && b[n - 1] == '\n'
                    && (n - statusEnd == 3 || b[n - 5] == '\r' && b[n - 4] == '\n')) {
                return b;
            }
        }
    }

    /** True when the server has closed the connection (reads until EOF). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    String login(String user, String password) throws IOException {
        String ok = command("USER " + user);
        if (!ok.startsWith("+OK")) {
            return ok;
        }
        return command("PASS " + password);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
