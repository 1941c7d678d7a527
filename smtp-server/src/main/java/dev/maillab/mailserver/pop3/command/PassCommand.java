package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.auth.UserDirectory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;

/** PASS: the password for the name of the USER before it, checked by {@link Login}. */
public final class PassCommand extends AbstractPOP3CommandHandler {

    private static final List<String> COMMANDS = List.of("PASS");
    private static final Response NO_USER =
            new POP3Response(POP3Response.ERR_RESPONSE, "No username given (USER first)").immutable();
    private static final Response USAGE =
            new POP3Response(POP3Response.ERR_RESPONSE, "Usage: PASS password").immutable();

    private final UserDirectory users;
    private final Login login;

    public PassCommand(UserDirectory users, Login login) {
        this.users = users;
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Login.ALREADY_LOGGED_IN;
        }
        Optional<String> name = UserCommand.name(session);
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_USERSET || name.isEmpty()) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return NO_USER;
        }
        String password = request.getArgument();
        if (password == null) {
            return USAGE;
        }
        login.attempt(session, "USER", name.get(), () -> users.authenticate(name.get(), password));
        return null;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
