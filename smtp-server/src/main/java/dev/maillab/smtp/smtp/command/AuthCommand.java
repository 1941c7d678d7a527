package dev.maillab.smtp.smtp.command;

import dev.maillab.smtp.smtp.MailLog;
import dev.maillab.smtp.smtp.SmtpMetrics;
import dev.maillab.smtp.smtp.SmtpMetrics.Reason;
import dev.maillab.smtp.smtp.SmtpSessions;
import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.server.Session;

/**
 * AUTH only inside TLS: a password never crosses the wire in clear (RFC 4954 538). The SASL exchange
 * itself (PLAIN, LOGIN) is SubEtha's.
 */
public final class AuthCommand extends BaseCommand {

    private final Command sasl;
    private final SmtpSessions sessions;
    private final SmtpMetrics metrics;
    private final MailLog log;

    public AuthCommand(Command sasl, SmtpSessions sessions, SmtpMetrics metrics, MailLog log) {
        super("AUTH", "Authentication service", "AUTH <mechanism> [initial-response]");
        this.sasl = sasl;
        this.sessions = sessions;
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void execute(String line, Session session) throws IOException, org.subethamail.smtp.DropConnectionException {
        if (!session.isTLSStarted()) {
            metrics.rejected(Reason.AUTH_REQUIRES_TLS);
            session.sendResponse("538 5.7.11 Encryption required for requested authentication mechanism");
            return;
        }
        if (session.isMailTransactionInProgress()) {
            metrics.rejected(Reason.BAD_SEQUENCE);
            session.sendResponse("503 5.5.1 Error: MAIL transaction in progress");
            return;
        }
        boolean before = session.isAuthenticated();
        sasl.execute(line, session);
        if (!before && !session.isAuthenticated()) {
            String[] args = getArgs(line);
            metrics.rejected(Reason.AUTH_FAILED);
            log.authFailed(sessions.stateOf(session).client(), args.length > 1 ? args[1].toUpperCase() : "?");
        }
    }
}
