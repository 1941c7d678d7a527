package dev.maillab.smtp.smtp.command;

import dev.maillab.smtp.smtp.DotStuffedDataStream;
import dev.maillab.smtp.smtp.MessageIntake;
import dev.maillab.smtp.smtp.SmtpMetrics;
import dev.maillab.smtp.smtp.SmtpMetrics.Reason;
import java.io.IOException;
import java.io.InputStream;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * DATA: the message up to the lone dot, dot-unstuffed. Whatever the outcome, the whole DATA is read
 * before replying, so a refused message (552, 451) leaves the session usable for the next one.
 */
public final class DataCommand extends BaseCommand {

    private final SmtpMetrics metrics;

    public DataCommand(SmtpMetrics metrics) {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
        this.metrics = metrics;
    }

    @Override
    public void execute(String line, Session session) throws IOException {
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
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        InputStream message = new DotStuffedDataStream(session.getRawInput());
        String reply;
        try {
            reply = "250 " + session.getMessageHandler().data(message);
        } catch (RejectException e) {
            reply = e.getErrorResponse();
        } finally {
            message.transferTo(java.io.OutputStream.nullOutputStream());
        }
        session.resetMailTransaction();
        session.sendResponse(reply);
    }
}
