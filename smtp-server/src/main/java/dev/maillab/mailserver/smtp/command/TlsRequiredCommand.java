package dev.maillab.mailserver.smtp.command;

import dev.maillab.mailserver.smtp.SmtpMetrics;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import dev.maillab.mailserver.smtp.connection.CommandInput;
import java.io.IOException;
import java.util.Set;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * A command of a listener that requires TLS (submission), answered only inside TLS: before STARTTLS it gets
 * {@code 530 5.7.0 Must issue a STARTTLS command first}, as Postfix with {@code smtpd_tls_security_level=encrypt}
 * answers every command but EHLO, HELO, STARTTLS, NOOP and QUIT (its "pre-TLS" commands; RFC 3207 section 4 names
 * the same but HELO). AUTH is one of them: a password never crosses the wire in clear.
 */
public final class TlsRequiredCommand implements Command {

    /** What a client may say before STARTTLS; the refused-line marker answers line faults and timeouts. */
    static final Set<String> BEFORE_TLS = Set.of("EHLO", "HELO", "STARTTLS", "NOOP", "QUIT", CommandInput.MARKER_VERB);

    private final Command command;
    private final SmtpMetrics metrics;

    private TlsRequiredCommand(Command command, SmtpMetrics metrics) {
        this.command = command;
        this.metrics = metrics;
    }

    /** Wraps every command of {@code commands} but those of {@link #BEFORE_TLS}. */
    public static void requireTls(CommandHandler commands, SmtpMetrics metrics) {
        for (String verb : Set.copyOf(commands.getVerbs())) {
            if (!BEFORE_TLS.contains(verb)) {
                commands.addCommand(new TlsRequiredCommand(commands.getCommand(verb), metrics));
            }
        }
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        if (!session.isTLSStarted()) {
            metrics.rejected(Reason.TLS_REQUIRED);
            session.sendResponse("530 5.7.0 Must issue a STARTTLS command first");
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
