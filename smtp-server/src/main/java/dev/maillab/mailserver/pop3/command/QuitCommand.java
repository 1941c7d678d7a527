package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.SessionSummary;
import dev.maillab.mailserver.pop3.james.MaildropMailbox;
import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUIT: in the TRANSACTION state this is the UPDATE state of RFC 1939 (the deletions are applied and shown
 * messages move to cur/, see {@link MaildropMailbox#remove}); then the connection closes.
 */
public final class QuitCommand extends AbstractPOP3CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(QuitCommand.class);
    private static final List<String> COMMANDS = List.of("QUIT");
    private static final String SIGN_OFF = "maillab POP3 server signing off";
    private static final Response BYE = ending(POP3Response.OK_RESPONSE, SIGN_OFF);
    private static final Response NOT_UPDATED =
            ending(POP3Response.ERR_RESPONSE, "[SYS/TEMP] Some deleted messages were not removed");

    @Override
    public Response onCommand(POP3Session session, Request request) {
        SessionSummary.of(session).quit();
        if (session.getHandlerState() != POP3Session.TRANSACTION) {
            return BYE;
        }
        List<String> deleted = session.getAttachment(POP3Session.DELETED_UID_LIST, State.Transaction)
                .orElse(List.of());
        Mailbox mailbox = session.getUserMailbox();
        Response response;
        try {
            mailbox.remove(deleted.toArray(String[]::new));
            response = deleted.isEmpty()
                    ? BYE
                    : ending(
                            POP3Response.OK_RESPONSE,
                            SIGN_OFF + " (" + deleted.size() + (deleted.size() == 1 ? " message" : " messages")
                                    + " deleted)");
        } catch (Exception e) {
            log.error("pop3 QUIT of {} could not update the maildrop", SessionSummary.of(session).user, e);
            response = NOT_UPDATED;
        }
        try {
            mailbox.close();
        } catch (Exception e) {
            // nothing is kept open by a closed snapshot
        }
        return response;
    }

    private static Response ending(String code, String text) {
        POP3Response response = new POP3Response(code, text);
        response.setEndSession(true);
        return response.immutable();
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
