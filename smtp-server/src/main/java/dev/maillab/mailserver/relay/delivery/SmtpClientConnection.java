package dev.maillab.mailserver.relay.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The client side of one SMTP connection to another host: command lines out, replies in, the message
 * dot-stuffed. A reply is read within the read timeout and is at most {@value #MAX_REPLY_LINES} lines of
 * {@value #MAX_LINE} octets (RFC 5321 4.5.3.1.5 allows 512): a server that sends more is not one to deliver to.
 */
final class SmtpClientConnection implements Closeable {

    static final int MAX_LINE = 2048;
    static final int MAX_REPLY_LINES = 100;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpClientConnection(Socket socket) throws IOException {
        use(socket);
    }

    static SmtpClientConnection open(MailHost host, DeliverySettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host.address(), settings.port()), (int)
                    settings.connectTimeout().toMillis());
            socket.setSoTimeout((int) settings.readTimeout().toMillis());
            return new SmtpClientConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 65536);
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** Upgrades the connection after a 220 to STARTTLS; the handshake is bounded by the read timeout. */
    void startTls(SSLContext context, String hostName) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, hostName, socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.setSoTimeout(socket.getSoTimeout());
        tls.startHandshake();
        use(tls);
    }

    SmtpReply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 3
                    || !Character.isDigit(line.charAt(0))
                    || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))
                    || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new ProtocolException("malformed reply: " + shown(line));
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), lines);
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new ProtocolException("reply of more than " + MAX_REPLY_LINES + " lines");
            }
        }
    }

    private String readLine() throws IOException {
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            if (length == MAX_LINE) {
                throw new ProtocolException("reply line longer than " + MAX_LINE + " octets");
            }
            line[length++] = (byte) b;
        }
    }

    /**
     * The message (CRLF lines, as the queue holds it) dot-stuffed, then the final dot; a last line without CRLF
     * gets one.
     */
    void sendData(InputStream content) throws IOException {
        byte[] buffer = new byte[65536];
        boolean lineStart = true;
        int previous = -1;
        int n;
        while ((n = content.read(buffer)) > 0) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (lineStart && b == '.') {
                    out.write(buffer, from, i - from);
                    out.write('.');
                    from = i;
                }
                lineStart = b == '\n';
                previous = b;
            }
            out.write(buffer, from, n - from);
        }
        if (previous != '\n' && previous != -1) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String shown(String line) {
        String cut = line.length() > 100 ? line.substring(0, 100) + "..." : line;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
