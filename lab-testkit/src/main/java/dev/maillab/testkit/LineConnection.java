package dev.maillab.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client end of a line protocol (SMTP, POP3) on a real socket, which can switch to TLS in the middle. It reads
 * the socket octet by octet, never past what a caller asked for, so a TLS handshake or a raw read of
 * {@link #socket()} can follow any reply.
 */
public abstract class LineConnection implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Charset charset;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /**
     * @param socket a connected socket
     * @param charset how the protocol's text is written and read
     * @param readTimeout how long a read waits for the server before it fails
     */
    protected LineConnection(Socket socket, Charset charset, Duration readTimeout) throws IOException {
        this.charset = charset;
        socket.setSoTimeout((int) readTimeout.toMillis());
        use(socket);
    }

    /** A socket connected to {@code host:port}, from {@code local} (any of 127/8 on Linux) unless that is null. */
    protected static Socket connect(String host, int port, InetAddress local) throws IOException {
        Socket s = new Socket();
        try {
            if (local != null) {
                s.bind(new InetSocketAddress(local, 0));
            }
            s.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Talks over {@code s} from now on: a TLS socket a test layered over {@link #socket()} itself. */
    public final void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    public final Socket socket() {
        return socket;
    }

    public final boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** Exactly these octets. */
    public final void write(byte[] octets) throws IOException {
        out.write(octets);
        out.flush();
    }

    /** The text as it is (no line end added), in the protocol's charset: for pipelining or partial lines. */
    public final void send(String text) throws IOException {
        write(text.getBytes(charset));
    }

    /** One line, CRLF added. */
    public final void sendLine(String line) throws IOException {
        send(line + "\r\n");
    }

    /** The next octet, -1 at the end of the stream. */
    protected final int readOctet() throws IOException {
        return in.read();
    }

    protected final String decode(byte[] octets, int length) {
        return new String(octets, 0, length, charset);
    }

    /** True when the server has closed the connection (reads until EOF); false when it stays silent but open. */
    public final boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Layers TLS over the connection (after the server's go-ahead to STARTTLS or STLS), verifying that the
     * certificate names {@code host} the way HTTPS does; returns the TLS socket.
     *
     * @param protocols what the client offers; none for the JDK's defaults
     */
    public final SSLSocket handshake(SSLContext client, String host, String... protocols) throws IOException {
        return handshake(client, host, protocols, null);
    }

    /** @param protocols, suites what the client offers; empty or null for the JDK's defaults */
    public final SSLSocket handshake(SSLContext client, String host, String[] protocols, String[] suites)
            throws IOException {
        SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (protocols != null && protocols.length > 0) {
            params.setProtocols(protocols);
        }
        if (suites != null) {
            params.setCipherSuites(suites);
        }
        tls.setSSLParameters(params);
        return startHandshake(tls);
    }

    /** Layers TLS over the connection trusting whatever certificate the server shows (a self-signed one too). */
    public final SSLSocket handshakeTrustingAnyCertificate() throws IOException {
        SSLSocket tls = (SSLSocket) trustingAnyCertificate()
                .getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        return startHandshake(tls);
    }

    private SSLSocket startHandshake(SSLSocket tls) throws IOException {
        tls.startHandshake(); // a socket layered over a connected one is in client mode
        use(tls);
        return tls;
    }

    private static SSLContext trustingAnyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
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
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    /** Closes with a TCP reset instead of FIN (SO_LINGER 0): the server's next read fails with "reset". */
    public final void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
