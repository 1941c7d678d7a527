package dev.maillab.mailserver.smtp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLSocket;

/**
 * A connection after STARTTLS, as SubEtha's session is given it: the TLS socket, with the vetted
 * {@link CommandInput} and the {@link ReplyCounter} over the decrypted streams. (SSLSocket itself cannot be
 * extended; this delegates what a session uses.)
 */
public final class TlsConnectionSocket extends Socket {

    private final SSLSocket tls;
    private final ClientConnection connection;
    private final InputStream input;
    private final OutputStream output;

    public TlsConnectionSocket(SSLSocket tls, ClientConnection connection) throws IOException {
        this.tls = tls;
        this.connection = connection;
        this.input = connection.newInput(tls.getInputStream());
        this.output = connection.newOutput(tls.getOutputStream());
    }

    ClientConnection connection() {
        return connection;
    }

    /**
     * The handshake of implicit TLS (SMTPS), within the command deadline {@link ConnectionServerSocket} armed at
     * accept; then no deadline runs until the first command line begins. One the deadline cut short fails with a
     * {@link SocketTimeoutException} "timeout".
     */
    public void handshake() throws IOException {
        try {
            tls.startHandshake();
        } catch (IOException e) {
            if (connection.expired()) {
                throw new SocketTimeoutException("timeout");
            }
            throw e;
        }
        connection.disarm();
    }

    public SSLSocket tls() {
        return tls;
    }

    @Override
    public InputStream getInputStream() {
        return input;
    }

    @Override
    public OutputStream getOutputStream() {
        return output;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tls.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tls.getSoTimeout();
    }

    @Override
    public InetAddress getInetAddress() {
        return tls.getInetAddress();
    }

    @Override
    public int getPort() {
        return tls.getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tls.getRemoteSocketAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return tls.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return tls.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tls.getLocalSocketAddress();
    }

    @Override
    public boolean isConnected() {
        return tls.isConnected();
    }

    @Override
    public boolean isBound() {
        return tls.isBound();
    }

    @Override
    public boolean isClosed() {
        return tls.isClosed();
    }

    @Override
    public void close() throws IOException {
        try {
            tls.close();
        } finally {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return tls.toString();
    }
}
