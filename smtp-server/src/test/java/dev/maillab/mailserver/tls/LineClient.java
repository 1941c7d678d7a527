package dev.maillab.mailserver.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A line-at-a-time SMTP or POP3 client on a real socket, that can switch to TLS in the middle. */
public final class LineClient implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    public LineClient(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        use(s);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
    }

    /** One line, or null at end of stream. */
    public String readLine() throws IOException {
        return in.readLine();
    }

    /** An SMTP reply: its lines up to the one with a space after the code; the last line, or null at EOF. */
    public String smtpReply() throws IOException {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    public void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public String smtp(String line) throws IOException {
        send(line);
        return smtpReply();
    }

    public String pop3(String line) throws IOException {
        send(line);
        return readLine();
    }

    /** Layers TLS over the connection with endpoint identification for {@code host}; returns the socket. */
    public SSLSocket startTls(SSLContext client, String host, String... protocols) throws IOException {
        return startTls(client, host, protocols, null);
    }

    /** @param protocols, suites what the client offers; empty or null for the JDK's defaults */
    public SSLSocket startTls(SSLContext client, String host, String[] protocols, String[] suites) throws IOException {
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
        tls.startHandshake();
        use(tls);
        return tls;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
