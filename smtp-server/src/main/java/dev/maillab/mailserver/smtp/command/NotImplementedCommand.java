package dev.maillab.mailserver.smtp.command;

import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * A verb SubEtha knows but this server does not offer: BDAT (CHUNKING is not advertised; SubEtha's would
 * read the chunk past the command-line vetting).
 */
public final class NotImplementedCommand extends BaseCommand {

    public NotImplementedCommand(String verb) {
        super(verb, "not implemented");
    }

    @Override
    public void execute(String line, Session session) throws IOException {
        session.sendResponse("502 5.5.1 Error: command not implemented");
    }
}
