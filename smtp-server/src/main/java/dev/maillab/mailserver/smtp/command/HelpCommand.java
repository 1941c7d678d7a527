package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.connection.CommandInput;
import java.io.IOException;
import java.util.TreeSet;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** HELP: the verbs this server answers (not the internal refused-line marker SubEtha's HELP would list). */
public final class HelpCommand extends BaseCommand {

    public HelpCommand() {
        super("HELP", "The verbs this server answers.");
    }

    @Override
    public void execute(String line, Session session) throws IOException {
        TreeSet<String> verbs =
                new TreeSet<>(session.getServer().getCommandHandler().getVerbs());
        verbs.remove(CommandInput.MARKER_VERB);
        verbs.remove("BDAT");
        session.sendResponse("214 2.0.0 Commands: " + String.join(" ", verbs));
    }
}
