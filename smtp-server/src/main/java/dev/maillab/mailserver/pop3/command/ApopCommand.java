package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.auth.UserDirectory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;

/**
 * APOP name digest (RFC 1939 section 7), only with {@code maillab.pop3.apop=true}: the digest is the MD5
 * of the greeting's timestamp and the password, so only users stored {PLAIN} can log in this way (as with
 * Dovecot); any other user gets the same {@code -ERR [AUTH]} as a wrong digest.
 */
public final class ApopCommand extends AbstractPOP3CommandHandler {

    private static final List<String> COMMANDS = List.of("APOP");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Response USAGE =
            new POP3Response(POP3Response.ERR_RESPONSE, "Usage: APOP name digest").immutable();
    private static final Response NOT_OFFERED =
            new POP3Response(POP3Response.ERR_RESPONSE, "APOP is not offered in this session").immutable();

    private final UserDirectory users;
    private final Login login;

    public ApopCommand(UserDirectory users, Login login) {
        this.users = users;
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Login.ALREADY_LOGGED_IN;
        }
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        Optional<String> timestamp = session.getAttachment(POP3Session.APOP_TIMESTAMP, State.Connection);
        if (timestamp.isEmpty()) {
            return NOT_OFFERED;
        }
        String[] args = request.getArgument() == null
                ? new String[0]
                : request.getArgument().strip().split(" +");
        if (args.length != 2 || !DIGEST.matcher(args[1]).matches() || !UserCommand.printable(args[0])) {
            return USAGE;
        }
        String name = args[0];
        String digest = args[1];
        login.attempt(session, "APOP", name, () -> users.authenticateApop(name, timestamp.get(), digest));
        return null;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
