package dev.maillab.mailserver.smtp.connection;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** The SMTP listening socket: every accepted connection comes out as a {@link ConnectionSocket}. */
public final class ConnectionServerSocket extends ServerSocket {

    private final ConnectionSettings settings;
    private final ReadDeadlines deadlines;

    public ConnectionServerSocket(ConnectionSettings settings, ReadDeadlines deadlines) throws IOException {
        this.settings = settings;
        this.deadlines = deadlines;
    }

    @Override
    public Socket accept() throws IOException {
        ConnectionSocket socket = new ConnectionSocket();
        implAccept(socket);
        // SubEtha flushes every reply: with Nagle a pipelined client's second reply would wait for its delayed ACK
        socket.setTcpNoDelay(true);
        socket.attach(new ClientConnection(socket, settings, deadlines));
        return socket;
    }
}
