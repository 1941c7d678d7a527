package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.FaultReplies;
import dev.maillab.mailserver.smtp.SmtpFaults.Stage;
import dev.maillab.mailserver.smtp.SmtpSessions;
import java.io.IOException;
import java.util.List;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** HELO: plain SMTP, no extensions (the Received header then says "with SMTP"). */
public final class HeloCommand extends BaseCommand {

    private final SmtpSessions sessions;
    private final FaultReplies faults;
    private final String hostname;

    public HeloCommand(String hostname, SmtpSessions sessions, FaultReplies faults) {
        super("HELO", "Introduce yourself.", "<hostname>");
        this.hostname = hostname;
        this.sessions = sessions;
        this.faults = faults;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        String[] args = getArgs(line);
        if (args.length < 2) {
            session.sendResponse("501 Syntax: HELO hostname");
            return;
        }
        if (faults.answered(Stage.EHLO, session, null, List.of())) {
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        sessions.stateOf(session).greeted(false);
        session.sendResponse("250 " + hostname);
    }
}
