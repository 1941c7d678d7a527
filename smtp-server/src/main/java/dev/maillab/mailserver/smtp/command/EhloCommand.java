package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.FaultReplies;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpProperties;
import dev.maillab.mailserver.smtp.SmtpSessions;
import java.io.IOException;
import java.util.List;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * EHLO with the extensions this server really honours. SubEtha's own EHLO leaves out PIPELINING and
 * ENHANCEDSTATUSCODES and offers CHUNKING; here AUTH is offered only once TLS is on.
 */
public final class EhloCommand extends BaseCommand {

    private final SmtpProperties properties;
    private final SmtpSessions sessions;
    private final FaultReplies faults;

    public EhloCommand(SmtpProperties properties, SmtpSessions sessions, FaultReplies faults) {
        super("EHLO", "Introduce yourself.", "<hostname>");
        this.properties = properties;
        this.sessions = sessions;
        this.faults = faults;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        String[] args = getArgs(line);
        if (args.length < 2) {
            session.sendResponse("501 5.5.4 Syntax: EHLO hostname");
            return;
        }
        if (faults.answered(Stage.EHLO, session, null, List.of())) {
            return; // refused: the session is as before the command
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        sessions.stateOf(session).greeted(true);
        StringBuilder reply = new StringBuilder("250-").append(properties.hostname());
        reply.append("\r\n250-PIPELINING");
        reply.append("\r\n250-SIZE ").append(properties.maxMessageSize());
        if (session.getServer().getEnableTLS() && !session.isTLSStarted()) {
            reply.append("\r\n250-STARTTLS");
        }
        if (session.isTLSStarted()
                && session.getServer().getAuthenticationHandlerFactory().isPresent()) {
            reply.append("\r\n250-AUTH ")
                    .append(String.join(
                            " ",
                            session.getServer()
                                    .getAuthenticationHandlerFactory()
                                    .get()
                                    .getAuthenticationMechanisms()));
        }
        reply.append("\r\n250-ENHANCEDSTATUSCODES");
        reply.append("\r\n250-8BITMIME");
        reply.append("\r\n250 SMTPUTF8");
        session.sendResponse(reply.toString());
    }
}
