package dev.maillab.mailserver.pop3.command;

import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;

/**
 * CAPA (RFC 2449). Before login it names what the session will offer, not only what works right now:
 * clients read it once before logging in (Jakarta Mail then decides on TOP and UIDL from it). Login
 * capabilities (USER, SASL, STLS) go once logged in, STLS also once TLS is on (RFC 2595 section 4).
 */
public final class CapaCommand extends AbstractPOP3CommandHandler {

    private static final List<String> COMMANDS = List.of("CAPA");
    private static final List<String> ALWAYS = List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING");
    private static final List<String> BEFORE_LOGIN = List.of("USER", "SASL PLAIN");

    private final boolean stls;

    /** @param stls whether STLS is possible (a certificate is configured) */
    public CapaCommand(boolean stls) {
        this.stls = stls;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        POP3Response response = new POP3Response(POP3Response.OK_RESPONSE, "Capability list follows");
        ALWAYS.forEach(response::appendLine);
        if (session.getHandlerState() != POP3Session.TRANSACTION) {
            BEFORE_LOGIN.forEach(response::appendLine);
            if (stls && !session.isTLSStarted()) {
                response.appendLine("STLS");
            }
        }
        response.appendLine("IMPLEMENTATION maillab");
        response.appendLine(".");
        return response;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
