package dev.maillab.smtp.smtp.command;

import dev.maillab.smtp.smtp.SmtpMetrics;
import dev.maillab.smtp.smtp.SmtpMetrics.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Puts the RFC 5321 command-line limit in front of a command: a longer line is answered 500 and
 * otherwise ignored, and the session goes on. (SubEtha itself reads lines up to 998 characters and
 * closes the connection beyond that.)
 */
public final class CommandLineLimit implements Command {

    private final Command command;
    private final int maxOctets;
    private final SmtpMetrics metrics;

    public CommandLineLimit(Command command, int maxOctets, SmtpMetrics metrics) {
        this.command = command;
        this.maxOctets = maxOctets;
        this.metrics = metrics;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        // the limit counts the CRLF the reader has already removed
        if (line.length() + 2 > maxOctets || line.getBytes(StandardCharsets.UTF_8).length + 2 > maxOctets) {
            metrics.rejected(Reason.COMMAND_TOO_LONG);
            session.sendResponse("500 5.5.2 Error: command line too long");
            return;
        }
        command.execute(line, session);
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return command.getHelp();
    }

    @Override
    public String getName() {
        return command.getName();
    }
}
