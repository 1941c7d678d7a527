package dev.maillab.mailserver.smtp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** An accepted SMTP connection whose streams are the vetted {@link CommandInput} and the {@link ReplyCounter}. */
final class ConnectionSocket extends Socket {

    private ClientConnection connection;
    private InputStream input;
    private OutputStream output;

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
