package dev.maillab.client.pop3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One POP3 connection over a plain socket: commands out, status lines and dot-terminated multi-line answers in,
 * every line recorded in the {@link Transcript}. Byte-exact: message lines are kept as the octets that arrived.
 */
public class Pop3Connection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final Transcript transcript;
    private final Pop3Limits limits;
    private final String hostName;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3Connection(Socket socket, String hostName, Pop3Limits limits, Transcript transcript)
            throws IOException {
        this.hostName = hostName;
        this.limits = limits;
        this.transcript = transcript;
        attach(socket);
    }

    public static Pop3Connection open(
            String hostName, InetSocketAddress address, Pop3Limits limits, Transcript transcript) throws Pop3Exception {
        transcript.note("Trying " + address.getAddress().getHostAddress() + "...");
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) limits.connectTimeout().toMillis());
            transcript.note("Connected to " + hostName + " ("
                    + address.getAddress().getHostAddress() + ") port " + address.getPort() + ".");
            return new Pop3Connection(socket, hostName, limits, transcript);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new Pop3Exception(
                    Pop3Exception.Kind.CONNECTION, "connection refused by " + describe(hostName, address), e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new Pop3Exception(
                    Pop3Exception.Kind.CONNECTION,
                    "connect to " + describe(hostName, address) + " timed out after "
                            + limits.connectTimeout().toMillis() + " ms",
                    e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new Pop3Exception(
                    Pop3Exception.Kind.CONNECTION,
                    "cannot connect to " + describe(hostName, address) + ": " + e.getMessage(),
                    e);
        }
    }

    private static String describe(String hostName, InetSocketAddress a) {
        return hostName + " (" + a.getAddress().getHostAddress() + ":" + a.getPort() + ")";
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout((int) limits.readTimeout().toMillis());
        this.in = new BufferedInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    /** The server's greeting, which must be +OK. */
    public Pop3Reply greeting() throws Pop3Exception {
        return Pop3Reply.parse(readLine());
    }

    /** Sends a command; {@code shown} is what the transcript records (the password masked). */
    public Pop3Reply command(String command, String shown) throws Pop3Exception {
        write(command, shown);
        return Pop3Reply.parse(readLine());
    }

    public Pop3Reply command(String command) throws Pop3Exception {
        return command(command, command);
    }

    /** Lines of a multi-line answer after its +OK, dot-unstuffed, without the final ".". */
    public List<String> readMultiLineText() throws Pop3Exception {
        List<String> lines = new ArrayList<>();
        readMultiLine(line -> {
            if (lines.size() >= limits.maxListEntries()) {
                throw new Pop3Exception(
                        Pop3Exception.Kind.PROTOCOL,
                        "more than " + limits.maxListEntries() + " lines in a multi-line answer");
            }
            lines.add(new String(line, StandardCharsets.UTF_8));
        });
        return lines;
    }

    /** A whole message (RETR): its octets with CRLF line ends, dot-unstuffed; the lines are not kept twice. */
    public byte[] readMessage() throws Pop3Exception {
        ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
        readMultiLine(line -> {
            if (message.size() + line.length + 2L > limits.maxMessageOctets()) {
                throw new Pop3Exception(
                        Pop3Exception.Kind.PROTOCOL, "message larger than " + limits.maxMessageOctets() + " octets");
            }
            message.writeBytes(line);
            message.writeBytes(CRLF);
        });
        return message.toByteArray();
    }

    private interface LineSink {
        void accept(byte[] line) throws Pop3Exception;
    }

    /** The transcript keeps the first lines of an answer as they came and counts the rest. */
    private void readMultiLine(LineSink sink) throws Pop3Exception {
        long omittedLines = 0;
        long omittedOctets = 0;
        int shown = 0;
        try {
            while (true) {
                byte[] line = readLineBytes();
                if (line.length == 1 && line[0] == '.') {
                    transcript.server(".");
                    return;
                }
                if (shown < limits.transcriptLines()) {
                    transcript.server(new String(line, StandardCharsets.UTF_8));
                    shown++;
                } else {
                    omittedLines++;
                    omittedOctets += line.length + 2;
                }
                if (line.length > 0 && line[0] == '.') {
                    line = java.util.Arrays.copyOfRange(line, 1, line.length);
                }
                sink.accept(line);
            }
        } finally {
            if (omittedLines > 0) {
                transcript.note("[" + omittedLines + " more lines, " + omittedOctets + " octets, not shown]");
            }
        }
    }

    /** RFC 2595 STLS: the TLS handshake on this socket; CAPA must be asked again afterwards. */
    public void startTls(SSLSocketFactory factory, boolean verifyHostname) throws Pop3Exception {
        Pop3Reply reply = command("STLS");
        if (!reply.ok()) {
            throw new Pop3Exception(Pop3Exception.Kind.TLS, "server refused STLS: -ERR " + reply.text());
        }
        try {
            SSLSocket tls = (SSLSocket) factory.createSocket(socket, hostName, socket.getPort(), true);
            if (verifyHostname) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
            }
            tls.setUseClientMode(true);
            tls.startHandshake();
            attach(tls);
            transcript.note("TLS established: " + tls.getSession().getProtocol() + " "
                    + tls.getSession().getCipherSuite());
        } catch (SSLException e) {
            throw new Pop3Exception(Pop3Exception.Kind.TLS, "TLS handshake with " + hostName + " failed: " + why(e), e);
        } catch (IOException e) {
            throw new Pop3Exception(Pop3Exception.Kind.TLS, "TLS with " + hostName + " failed: " + e.getMessage(), e);
        }
    }

    /** The reason a person can act on: an untrusted issuer or a certificate for another name, not the JSSE chain. */
    private String why(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "the server's certificate is not signed by a trusted CA (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateException
                    && t.getMessage() != null
                    && t.getMessage().contains("No subject alternative")) {
                return "the server's certificate is not for " + hostName + " (" + t.getMessage() + ")";
            }
        }
        return String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private void write(String command, String shown) throws Pop3Exception {
        transcript.client(shown);
        try {
            out.write(command.getBytes(StandardCharsets.UTF_8));
            out.write(CRLF);
            out.flush();
        } catch (IOException e) {
            throw new Pop3Exception(
                    Pop3Exception.Kind.CONNECTION,
                    "connection lost while sending " + shown.split(" ")[0] + ": " + e.getMessage(),
                    e);
        }
    }

    private String readLine() throws Pop3Exception {
        String line = new String(readLineBytes(), StandardCharsets.UTF_8);
        transcript.server(line);
        return line;
    }

    /** One line without its CRLF (a bare LF is accepted too); the limit keeps a broken server from eating memory. */
    private byte[] readLineBytes() throws Pop3Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new Pop3Exception(
                            Pop3Exception.Kind.CONNECTION,
                            "connection closed by the server" + (line.size() > 0 ? " in the middle of a line" : ""));
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int len = bytes.length;
                    if (len > 0 && bytes[len - 1] == '\r') {
                        len--;
                    }
                    return java.util.Arrays.copyOf(bytes, len);
                }
                if (line.size() > limits.maxLineOctets()) {
                    throw new Pop3Exception(
                            Pop3Exception.Kind.PROTOCOL,
                            "line longer than " + limits.maxLineOctets() + " octets from the server");
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new Pop3Exception(
                    Pop3Exception.Kind.CONNECTION,
                    "no answer from the server within " + limits.readTimeout().toMillis() + " ms",
                    e);
        } catch (IOException e) {
            throw new Pop3Exception(Pop3Exception.Kind.CONNECTION, "connection lost: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that will not close
        }
    }
}
