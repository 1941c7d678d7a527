package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.james.Pop3Transport;
import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3StartTlsResponse;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;

/**
 * STLS (RFC 2595): in the AUTHORIZATION state, once. The transport puts the SslHandler in after the
 * {@code +OK} and drops whatever the client sent after STLS ({@link Pop3Transport}); James then resets the
 * session, so a USER given before STLS is forgotten too.
 */
public final class StlsCommand extends AbstractPOP3CommandHandler {

    private static final List<String> COMMANDS = List.of("STLS");
    private static final Response BEGIN =
            new POP3StartTlsResponse(POP3Response.OK_RESPONSE, "Begin TLS negotiation now").immutable();
    private static final Response ACTIVE =
            new POP3Response(POP3Response.ERR_RESPONSE, "TLS is already active").immutable();

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Login.ALREADY_LOGGED_IN;
        }
        if (session.isTLSStarted()) {
            return ACTIVE;
        }
        return BEGIN;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
