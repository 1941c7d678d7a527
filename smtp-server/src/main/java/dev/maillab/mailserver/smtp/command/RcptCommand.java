package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.FaultReplies;
import dev.maillab.mailserver.smtp.MessageIntake;
import dev.maillab.mailserver.smtp.SmtpFaults;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpMetrics;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * RCPT TO: sequence and count checks here; whether the address is ours is the transaction's
 * ({@link dev.maillab.mailserver.smtp.MessageIntake}) decision.
 */
public final class RcptCommand extends BaseCommand {

    private final SmtpMetrics metrics;
    private final FaultReplies faults;

    public RcptCommand(SmtpMetrics metrics, FaultReplies faults) {
        super("RCPT", "Specifies the recipient. Can be used any number of times.", "TO: <recipient>");
        this.metrics = metrics;
        this.faults = faults;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() >= session.getServer().getMaxRecipients()) {
            metrics.rejected(Reason.TOO_MANY_RECIPIENTS);
            session.sendResponse("452 4.5.3 Error: too many recipients");
            return;
        }
        String args = EnvelopeArguments.after(line, "RCPT", "TO:");
        if (args == null) {
            session.sendResponse("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        EnvelopeArguments parsed;
        try {
            parsed = EnvelopeArguments.parse(args);
        } catch (IllegalArgumentException e) {
            metrics.rejected(Reason.BAD_ADDRESS);
            session.sendResponse("501 5.1.3 Bad recipient address syntax");
            return;
        }
        if (parsed.address().isEmpty()) {
            metrics.rejected(Reason.BAD_ADDRESS);
            session.sendResponse("501 5.1.3 Bad recipient address syntax");
            return;
        }
        if (!parsed.parameters().isEmpty()) {
            session.sendResponse("555 5.5.4 Unsupported option: "
                    + MailCommand.quoted(parsed.parameters().keySet().iterator().next()));
            return;
        }
        MessageIntake intake = session.getMessageHandler() instanceof MessageIntake i ? i : null;
        Optional<SmtpFaults.Fault> fault =
                faults.find(Stage.RCPT, session, intake == null ? null : intake.sender(), List.of(parsed.address()));
        if (fault.isPresent()) {
            if (intake != null) {
                intake.refusedOnPurpose(); // DATA then says "no valid recipients", as after a refused one
            }
            faults.answer(fault.get(), Stage.RCPT, session, intake == null ? null : intake.sender(), parsed.address());
            return; // the recipient is not added
        }
        try {
            session.getMessageHandler().recipient(parsed.address());
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.addRecipient(parsed.address());
        session.sendResponse("250 2.1.5 Ok");
    }
}
