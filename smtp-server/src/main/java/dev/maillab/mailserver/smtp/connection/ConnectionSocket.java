package dev.maillab.mailserver.smtp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketImpl;

/** An accepted SMTP connection whose streams are the vetted {@link CommandInput} and the {@link ReplyCounter}. */
final class ConnectionSocket extends Socket {

    private ClientConnection connection;
    private InputStream input;
    private OutputStream output;

    /**
     * Without a socket implementation, as {@link java.net.ServerSocket#accept()} makes its own: {@code implAccept} then
     * takes the accepted one as it is. With the default (not yet created) one it copies the options across, and each
     * option read from the uncreated socket throws a SocketException it catches: two per connection, on the one
     * accept thread.
     */
    ConnectionSocket() throws SocketException {
        super((SocketImpl) null);
    }

    void attach(ClientConnection connection) {
        this.connection = connection;
    }

    ClientConnection connection() {
        return connection;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            input = connection.newInput(super.getInputStream());
        }
        return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (output == null) {
            output = connection.newOutput(super.getOutputStream());
        }
        return output;
    }

    @Override
    public synchronized void close() throws IOException {
        if (connection != null) {
            connection.closed();
        }
        super.close();
    }
}
