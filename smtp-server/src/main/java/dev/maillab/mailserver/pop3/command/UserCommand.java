package dev.maillab.mailserver.pop3.command;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;

/**
 * USER name (RFC 1939): keeps the name as typed for PASS. Unlike James' handler it does not parse the
 * name as an address (which throws for "a@" or "@@") and takes a second USER before PASS; every name
 * gets the same {@code +OK}, so names cannot be probed.
 */
public final class UserCommand extends AbstractPOP3CommandHandler {

    private static final ProtocolSession.AttachmentKey<String> NAME =
            ProtocolSession.AttachmentKey.of("maillab.user", String.class);
    private static final List<String> COMMANDS = List.of("USER");
    private static final Response OK = new POP3Response(POP3Response.OK_RESPONSE, "Send your password").immutable();
    private static final Response USAGE = new POP3Response(POP3Response.ERR_RESPONSE, "Usage: USER name").immutable();
    private static final Response BAD_NAME =
            new POP3Response(POP3Response.ERR_RESPONSE, "Invalid user name").immutable();

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Login.ALREADY_LOGGED_IN;
        }
        String name = request.getArgument();
        if (name == null || name.isBlank()) {
            return USAGE;
        }
        if (!printable(name)) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return BAD_NAME;
        }
        session.setAttachment(NAME, name, State.Transaction);
        session.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
        return OK;
    }

    /** The name USER gave, until PASS or a reset. */
    static Optional<String> name(POP3Session session) {
        return session.getAttachment(NAME, State.Transaction);
    }

    /** No control characters, and nothing that was not ASCII on the wire (decoded as U+FFFD). */
    static boolean printable(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
