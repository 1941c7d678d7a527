package dev.maillab.mailserver.smtp.connection;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * The SMTP listening socket: every accepted connection comes out as a {@link ConnectionSocket}, or, on an
 * implicit-TLS listener (SMTPS), as a {@link TlsConnectionSocket} over one whose handshake is yet to be done (by the
 * session's own thread, within the command deadline armed here).
 */
public final class ConnectionServerSocket extends ServerSocket {

    private final ConnectionSettings settings;
    private final ReadDeadlines deadlines;
    private final SSLSocketCreator implicitTls;

    public ConnectionServerSocket(ConnectionSettings settings, ReadDeadlines deadlines) throws IOException {
        this(settings, deadlines, null);
    }

    /** @param implicitTls what layers TLS over each accepted connection, null for none (plain, STARTTLS later) */
    public ConnectionServerSocket(ConnectionSettings settings, ReadDeadlines deadlines, SSLSocketCreator implicitTls)
            throws IOException {
        this.settings = settings;
        this.deadlines = deadlines;
        this.implicitTls = implicitTls;
    }

    @Override
    public Socket accept() throws IOException {
        ConnectionSocket socket = new ConnectionSocket();
        implAccept(socket);
        // SubEtha flushes every reply: with Nagle a pipelined client's second reply would wait for its delayed ACK
        socket.setTcpNoDelay(true);
        ClientConnection connection = new ClientConnection(socket, settings, deadlines);
        socket.attach(connection);
        if (implicitTls == null) {
            return socket;
        }
        try {
            // the plain streams pass TLS records unchanged from the first octet; the TLS socket reads and writes them
            socket.getInputStream();
            socket.getOutputStream();
            connection.beginImplicitTls();
            return new TlsConnectionSocket(implicitTls.createSSLSocket(socket), connection);
        } catch (IOException | RuntimeException e) {
            // the session SubEtha makes of it ends at once; an exception here would pause the accept loop
            socket.close();
            return socket;
        }
    }
}
