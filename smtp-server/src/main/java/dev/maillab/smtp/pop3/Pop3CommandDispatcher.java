package dev.maillab.smtp.pop3;

import java.util.Set;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * James' dispatcher, refusing message numbers below 1 itself: James' handlers index the list with
 * them, fail with an exception and log a stack trace for what is only a client's bad input.
 */
final class Pop3CommandDispatcher extends CommandDispatcher<POP3Session> {

    private static final Set<String> NUMBERED = Set.of("RETR", "TOP", "DELE", "LIST", "UIDL");
    private static final Response NO_SUCH_MESSAGE =
            new POP3Response(POP3Response.ERR_RESPONSE, "No such message").immutable();

    @Override
    protected Response dispatchCommandHandlers(POP3Session session, Request request) {
        String argument = request.getArgument();
        if (argument != null && NUMBERED.contains(request.getCommand()) && belowOne(argument)) {
            return NO_SUCH_MESSAGE;
        }
        return super.dispatchCommandHandlers(session, request);
    }

    private static boolean belowOne(String argument) {
        String first = argument.strip().split(" ", 2)[0];
        try {
            return Long.parseLong(first) < 1;
        } catch (NumberFormatException e) {
            return false; // not a number: James answers with its usage error
        }
    }
}
