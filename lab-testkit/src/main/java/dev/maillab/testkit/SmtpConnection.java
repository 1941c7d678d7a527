package dev.maillab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A raw SMTP client for tests: writes lines, reads whole (multi-line) replies, UTF-8. */
public final class SmtpConnection extends LineConnection {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** One server reply: the code and every line's text after "NNN-" / "NNN ". */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return code + " " + text();
        }
    }

    public SmtpConnection(String host, int port) throws IOException {
        this(host, port, null);
    }

    /** @param local the client's own address (any of 127/8 on Linux loopback), null for the default */
    public SmtpConnection(String host, int port, InetAddress local) throws IOException {
        this(connect(host, port, local));
    }

    /** Over a socket the test connected itself. */
    public SmtpConnection(Socket socket) throws IOException {
        super(socket, StandardCharsets.UTF_8, READ_TIMEOUT);
    }

    /**
     * Delivers one message to the SMTP server at 127.0.0.1:{@code port} in a plain dialogue (EHLO, MAIL, RCPT, DATA,
     * QUIT), exactly as written, so a test can deliver mail with headers missing as well as proper mail.
     *
     * @param message header and body lines separated by \n (or CRLF); sent with CRLF and dot-stuffing
     * @throws IOException when a reply is not the one a successful delivery gets
     */
    public static void deliver(int port, String from, String to, String message) throws IOException {
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", port)) {
            expect(c.greeting(), 220);
            expect(c.command("EHLO client.example.local"), 250);
            expect(c.sendMail(from, List.of(to), message.replaceAll("\r?\n", "\r\n")), 250);
            expect(c.command("QUIT"), 221);
        }
    }

    private static void expect(Reply reply, int code) throws IOException {
        if (reply == null || reply.code() != code) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    public Reply greeting() throws IOException {
        return read();
    }

    /** Sends a line and reads the reply; EOFException when the server has closed the connection. */
    public Reply command(String line) throws IOException {
        sendLine(line);
        return replyOrEof();
    }

    private Reply replyOrEof() throws IOException {
        Reply reply = read();
        if (reply == null) {
            throw new EOFException("connection closed by the server");
        }
        return reply;
    }

    /** Reads one reply; null when the server closed the connection. */
    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                return lines.isEmpty() ? null : new Reply(-1, lines);
            }
            if (line.length() < 3) {
                throw new IOException("bad reply line: " + line);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** One line without its LF or CRLF; null at the end of the stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = readOctet()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return decode(bytes, len);
            }
            line.write(b);
        }
        return null;
    }

    /** After EHLO, a full transaction; returns the reply to the end of DATA (or the first refusal). */
    public Reply sendMail(String from, List<String> to, String message) throws IOException {
        Reply r = command("MAIL FROM:<" + from + ">");
        if (r.code() != 250) {
            return r;
        }
        for (String rcpt : to) {
            r = command("RCPT TO:<" + rcpt + ">");
            if (r.code() != 250) {
                return r;
            }
        }
        r = command("DATA");
        if (r.code() != 354) {
            return r;
        }
        return data(message);
    }

    /** Sends a message text (CRLF line ends, dot-stuffed here) and the terminating dot. */
    public Reply data(String message) throws IOException {
        StringBuilder stuffed = new StringBuilder();
        for (String line : message.split("\r\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        if (message.endsWith("\r\n")) {
            stuffed.setLength(stuffed.length() - 2);
        }
        write(stuffed.append(".\r\n").toString().getBytes(StandardCharsets.UTF_8));
        return replyOrEof();
    }

    /** STARTTLS with a client that trusts any certificate (the server's is signed by a CA made on its start). */
    public Reply startTls() throws IOException {
        sendLine("STARTTLS");
        return startTlsAfter220();
    }

    /** Reads the reply to a STARTTLS already sent and, if it is 220, does the handshake trusting any certificate. */
    public Reply startTlsAfter220() throws IOException {
        Reply r = replyOrEof();
        if (r.code() == 220) {
            handshakeTrustingAnyCertificate();
        }
        return r;
    }

    public static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
