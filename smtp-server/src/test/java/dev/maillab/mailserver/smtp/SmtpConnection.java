package dev.maillab.mailserver.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw SMTP client for tests: writes lines, reads whole (multi-line) replies. */
public final class SmtpConnection implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String host;
    private final int port;

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
    public SmtpConnection(String host, int port, java.net.InetAddress local) throws IOException {
        this.host = host;
        this.port = port;
        socket = new Socket();
        if (local != null) {
            socket.bind(new java.net.InetSocketAddress(local, 0));
        }
        socket.connect(new java.net.InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Reply greeting() throws IOException {
        return read();
    }

    /** Sends a line and reads the reply; EOFException when the server has closed the connection. */
    public Reply command(String line) throws IOException {
        send(line);
        return replyOrEof();
    }

    private Reply replyOrEof() throws IOException {
        Reply reply = read();
        if (reply == null) {
            throw new java.io.EOFException("connection closed by the server");
        }
        return reply;
    }

    public void send(String line) throws IOException {
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
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

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    /** EHLO, then a full transaction; returns the reply to the end of DATA (or the first refusal). */
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

    /** STARTTLS with a client that trusts any certificate (the server's is self-signed). */
    public Reply startTls() throws Exception {
        send("STARTTLS");
        return startTlsAfter220();
    }

    /** Reads the reply to a STARTTLS already sent and, if it is 220, does the handshake. */
    public Reply startTlsAfter220() throws Exception {
        Reply r = replyOrEof();
        if (r.code() != 220) {
            return r;
        }
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(socket, host, port, true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        in = new BufferedInputStream(tls.getInputStream());
        out = tls.getOutputStream();
        return r;
    }

    /** Closes with a TCP reset instead of FIN (SO_LINGER 0): the server's next read fails with "reset". */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    public Socket socket() {
        return socket;
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    public static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
