package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.SmtpSessions;
import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** HELO: plain SMTP, no extensions (the Received header then says "with SMTP"). */
public final class HeloCommand extends BaseCommand {

    private final SmtpSessions sessions;
    private final String hostname;

    public HeloCommand(String hostname, SmtpSessions sessions) {
        super("HELO", "Introduce yourself.", "<hostname>");
        this.hostname = hostname;
        this.sessions = sessions;
    }

    @Override
    public void execute(String line, Session session) throws IOException {
        String[] args = getArgs(line);
        if (args.length < 2) {
            session.sendResponse("501 Syntax: HELO hostname");
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        sessions.stateOf(session).greeted(false);
        session.sendResponse("250 " + hostname);
    }
}
