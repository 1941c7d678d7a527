package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.MailLog;
import dev.maillab.mailserver.smtp.SmtpMetrics;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import dev.maillab.mailserver.smtp.SmtpSessions;
import dev.maillab.mailserver.smtp.connection.ClientConnection;
import dev.maillab.mailserver.smtp.connection.CommandInput;
import dev.maillab.mailserver.smtp.connection.CommandInput.Fault;
import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * Answers the lines {@link CommandInput} did not hand on (too long, NUL, bare CR, not UTF-8): 500, and the
 * session goes on (RFC 5321 4.5.3.1.4). A passed deadline or too many errors: 421 and the session ends.
 */
public final class RefusedLineCommand extends BaseCommand {

    private final String hostname;
    private final SmtpSessions sessions;
    private final SmtpMetrics metrics;
    private final MailLog log;

    public RefusedLineCommand(String hostname, SmtpSessions sessions, SmtpMetrics metrics, MailLog log) {
        super(CommandInput.MARKER_VERB, "a command line that was not read");
        this.hostname = hostname;
        this.sessions = sessions;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        answer(CommandInput.fault(line).orElse(Fault.NUL), session);
    }

    /** Replies to {@code fault}; throws to end the session when the fault ends it. */
    public void answer(Fault fault, Session session) throws IOException, DropConnectionException {
        String reply = fault.reply(hostname);
        ClientConnection connection = ClientConnection.of(session);
        String stage = connection == null ? "UNKNOWN" : connection.stage();
        var client = sessions.stateOf(session).client();
        switch (fault) {
            case TIMEOUT -> {
                metrics.rejected(Reason.TIMEOUT);
                log.timeout(stage, client);
            }
            case TOO_MANY_ERRORS -> {
                metrics.rejected(Reason.TOO_MANY_ERRORS);
                log.tooManyErrors(stage, client);
            }
            case TOO_LONG -> {
                metrics.rejected(Reason.COMMAND_TOO_LONG);
                log.refusedLine(client, fault.describe());
            }
            default -> {
                metrics.rejected(Reason.BAD_COMMAND);
                log.refusedLine(client, fault.describe());
            }
        }
        if (fault.endsSession()) {
            throw new DropConnectionException(Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
        }
        session.sendResponse(reply);
    }
}
