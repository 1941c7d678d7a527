package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.MailLog;
import dev.maillab.mailserver.smtp.SmtpSessions;
import dev.maillab.mailserver.smtp.connection.ClientConnection;
import dev.maillab.mailserver.smtp.connection.TlsConnectionSocket;
import java.io.IOException;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * STARTTLS (RFC 3207). Whatever the client sent after the command in clear is dropped, never read as a
 * command inside TLS; the handshake has the command timeout; a failed handshake ends the session with one
 * log line (SubEtha's own command logs a stack trace and goes on reading the broken stream).
 */
public final class StartTlsCommand extends BaseCommand {

    private final SmtpSessions sessions;
    private final MailLog log;

    public StartTlsCommand(SmtpSessions sessions, MailLog log) {
        super("STARTTLS", "Starts TLS on this connection.");
        this.sessions = sessions;
        this.log = log;
    }

    @Override
    public void execute(String line, Session session) throws IOException {
        if (!line.strip().equalsIgnoreCase("STARTTLS")) {
            session.sendResponse("501 5.5.4 Syntax: STARTTLS");
            return;
        }
        ClientConnection connection = ClientConnection.of(session);
        if (!session.getServer().getEnableTLS() || connection == null) {
            session.sendResponse("454 4.7.0 TLS not available");
            return;
        }
        if (session.isTLSStarted()) {
            session.sendResponse("454 4.7.0 Error: TLS already active");
            return;
        }
        session.sendResponse("220 2.0.0 Ready to start TLS");
        connection.beginTls();
        SSLSocket tls;
        try {
            tls = session.getServer().createSSLSocket(session.getSocket());
            tls.startHandshake();
        } catch (IOException e) {
            log.tlsFailed(
                    sessions.stateOf(session).client(),
                    connection.expired() ? "timeout" : String.valueOf(e.getMessage()));
            session.quit();
            return;
        }
        session.setSocket(new TlsConnectionSocket(tls, connection));
        session.resetSmtpProtocol(); // RFC 3207: forget what was said before, EHLO again
        session.setTlsStarted(true);
    }
}
