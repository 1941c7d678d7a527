package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.DotStuffedDataStream;
import dev.maillab.mailserver.smtp.FaultReplies;
import dev.maillab.mailserver.smtp.MailLog;
import dev.maillab.mailserver.smtp.MessageIntake;
import dev.maillab.mailserver.smtp.SmtpFaults;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpMetrics;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import dev.maillab.mailserver.smtp.SmtpSessions;
import dev.maillab.mailserver.smtp.connection.ClientConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * DATA: the message up to the lone dot, dot-unstuffed. Whatever the outcome, the whole DATA is read
 * before replying, so a refused message (552, 451) leaves the session usable for the next one. A client
 * that goes away or runs out of time inside DATA ends the session with one log line (not SubEtha's stack
 * trace); the transaction holds nothing afterwards.
 */
public final class DataCommand extends BaseCommand {

    private final SmtpMetrics metrics;
    private final String hostname;
    private final SmtpSessions sessions;
    private final MailLog log;
    private final FaultReplies faults;

    public DataCommand(SmtpMetrics metrics, String hostname, SmtpSessions sessions, MailLog log, FaultReplies faults) {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
        this.metrics = metrics;
        this.hostname = hostname;
        this.sessions = sessions;
        this.log = log;
        this.faults = faults;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        if (!line.strip().equalsIgnoreCase("DATA")) {
            session.sendResponse("501 5.5.4 Syntax: DATA");
            return;
        }
        if (!session.isMailTransactionInProgress()) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() == 0) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            boolean tried = session.getMessageHandler() instanceof MessageIntake intake && intake.attempts() > 0;
            session.sendResponse(tried ? "554 5.5.1 Error: no valid recipients" : "503 5.5.1 Error: need RCPT command");
            return;
        }
        ClientConnection connection = ClientConnection.of(session);
        if (connection != null) {
            connection.beginData();
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        InputStream message = new DotStuffedDataStream(session.getRawInput());
        String sender = null;
        List<String> recipients = List.of();
        if (session.getMessageHandler() instanceof MessageIntake intake) {
            sender = intake.sender();
            recipients = intake.recipients();
        }
        Optional<SmtpFaults.Fault> fault = faults.find(Stage.DATA, session, sender, recipients);
        if (fault.isPresent()) {
            // the whole message is read and dropped: nothing is stored or queued, the transaction ends
            try {
                message.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw aborted(session, e);
            }
            try {
                faults.answer(fault.get(), Stage.DATA, session, sender, null); // logged with the queue id
            } finally {
                session.resetMailTransaction(); // before the next command is read
            }
            return;
        }
        String reply;
        try {
            try {
                reply = "250 " + session.getMessageHandler().data(message);
                if (connection != null) {
                    connection.delivered();
                }
            } catch (RejectException e) {
                reply = e.getErrorResponse();
            }
            message.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw aborted(session, e);
        }
        session.resetMailTransaction();
        session.sendResponse(reply);
    }

    /** The client timed out or went away inside DATA: 421 (if it still listens) and the end of the session. */
    private DropConnectionException aborted(Session session, IOException e) {
        var client = sessions.stateOf(session).client();
        if (e instanceof SocketTimeoutException) {
            metrics.rejected(Reason.TIMEOUT);
            log.timeout("DATA", client);
            return new DropConnectionException(421, "4.4.2 " + hostname + " Error: timeout exceeded");
        }
        metrics.rejected(Reason.LOST_CONNECTION);
        log.lostConnection("DATA", client);
        return new DropConnectionException(421, "4.4.2 " + hostname + " Error: lost connection");
    }
}
