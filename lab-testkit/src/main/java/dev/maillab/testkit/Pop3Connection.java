package dev.maillab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw POP3 client for exact, octet-level assertions: ISO-8859-1, so every octet a test sends or the server
 * answers is one character; a reply line that does not end in CRLF is an error.
 */
public final class Pop3Connection extends LineConnection {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    /** To 127.0.0.1:{@code port}. */
    public Pop3Connection(int port) throws IOException {
        this("127.0.0.1", port, null);
    }

    /** @param local the client's own address (any of 127/8 on Linux loopback), null for the default */
    public Pop3Connection(String host, int port, InetAddress local) throws IOException {
        this(connect(host, port, local));
    }

    /** Over a socket the test connected itself. */
    public Pop3Connection(Socket socket) throws IOException {
        super(socket, StandardCharsets.ISO_8859_1, READ_TIMEOUT);
    }

    /** Sends one command and returns the first line of the reply. */
    public String command(String line) throws IOException {
        sendLine(line);
        return readLine();
    }

    /** USER, then PASS if USER was accepted; the last reply. */
    public String login(String user, String password) throws IOException {
        String ok = command("USER " + user);
        if (!ok.startsWith("+OK")) {
            return ok;
        }
        return command("PASS " + password);
    }

    /** One line without its CRLF; fails if the line does not end in CRLF. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = readOctet();
            if (c < 0) {
                throw new IOException("connection closed after " + line);
            }
            if (c == '\n') {
                if (prev != '\r') {
                    throw new IOException("bare LF in reply: " + line);
                }
                byte[] b = line.toByteArray();
                return decode(b, b.length - 1);
            }
            line.write(c);
            prev = c;
        }
    }

    /** The lines of a multi-line reply up to (not including) the terminating ".", still dot-stuffed. */
    public List<String> readMultiLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = readLine(); !l.equals("."); l = readLine()) {
            lines.add(l);
        }
        return lines;
    }

    /** The octets of a multi-line reply body, dot-stuffing removed, each line ending in CRLF. */
    public byte[] readBody() throws IOException {
        return unstuff(readMultiLine());
    }

    /** Undoes the dot-stuffing of multi-line reply lines (RFC 1939 section 3): the octets, each line CRLF-ended. */
    public static byte[] unstuff(List<String> stuffedLines) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String l : stuffedLines) {
            String line = l.startsWith(".") ? l.substring(1) : l;
            body.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return body.toByteArray();
    }

    /**
     * One multi-line reply exactly as sent: status line, still dot-stuffed body and the ".CRLF"
     * terminator, read octet by octet until the terminator.
     */
    public byte[] readRawMultiLine() throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int statusEnd = -1;
        while (true) {
            int c = readOctet();
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
}
