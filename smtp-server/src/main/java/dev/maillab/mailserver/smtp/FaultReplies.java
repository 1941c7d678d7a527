package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.smtp.SmtpFaults.Fault;
import dev.maillab.mailserver.smtp.SmtpFaults.Probe;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * Where the commands ask {@link SmtpFaults}: a rule's reply is logged (a Postfix-style {@code fault:} line naming
 * the rule), counted ({@code maillab.smtp.faults}, and {@code maillab.smtp.rejected{reason=fault}}) and written;
 * a 421 ends the session after it. The command has already left its state as it must be for a refused command.
 */
public final class FaultReplies {

    private final SmtpFaults faults;
    private final SmtpSessions sessions;
    private final SmtpMetrics metrics;

    FaultReplies(SmtpFaults faults, SmtpSessions sessions, SmtpMetrics metrics) {
        this.faults = faults;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /**
     * Answers the command with a rule's reply if one matches.
     *
     * @param sender     the transaction's sender, null outside one
     * @param recipients the recipient asked (RCPT) or those accepted (DATA)
     * @return true when the fault answered: the command must do nothing more
     * @throws DropConnectionException a 421: SubEtha writes it and closes the connection
     */
    public boolean answered(Stage stage, Session session, String sender, List<String> recipients)
            throws IOException, DropConnectionException {
        Optional<Fault> fault = find(stage, session, sender, recipients);
        if (fault.isEmpty()) {
            return false;
        }
        answer(fault.get(), stage, session, sender, stage == Stage.RCPT ? recipients.get(0) : null);
        return true;
    }

    /** The rule that answers at this stage, if any (the probability is rolled here, once). */
    public Optional<Fault> find(Stage stage, Session session, String sender, List<String> recipients) {
        SessionState state = sessions.stateOf(session);
        return ask(new Probe(stage, state.service(), state.client().address(), sender, recipients));
    }

    /** Logs, counts and writes the rule's reply ({@code recipient}: the RCPT address, else null). */
    public void answer(Fault fault, Stage stage, Session session, String sender, String recipient)
            throws IOException, DropConnectionException {
        SessionState state = sessions.stateOf(session);
        String queueId =
                session.isMailTransactionInProgress() && session.getMessageHandler() instanceof MessageIntake intake
                        ? intake.queueId()
                        : null;
        state.log().faulted(queueId, command(stage), state.client(), fault, sender, recipient);
        counted(stage);
        if (fault.close()) {
            throw new DropConnectionException(fault.code(), fault.text());
        }
        session.sendResponse(fault.reply());
    }

    /** The connect stage's rule, before the session exists; logged and counted here, answered by the caller. */
    Optional<Fault> atConnect(SmtpService service, ClientInfo client, MailLog log) {
        Optional<Fault> fault = ask(new Probe(Stage.CONNECT, service, client.address(), null, List.of()));
        fault.ifPresent(f -> {
            log.faulted(null, "CONNECT", client, f, null, null);
            counted(Stage.CONNECT);
        });
        return fault;
    }

    private Optional<Fault> ask(Probe probe) {
        try {
            return faults.at(probe);
        } catch (RuntimeException e) {
            return Optional.empty(); // a broken rule set never breaks a session
        }
    }

    private void counted(Stage stage) {
        metrics.rejected(Reason.FAULT);
        metrics.faulted(stage);
    }

    /** The stage as Postfix's reject lines name it. */
    private static String command(Stage stage) {
        return stage == Stage.DATA ? "END-OF-MESSAGE" : stage.name();
    }
}
