package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.Pop3Log;
import dev.maillab.mailserver.pop3.SessionSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;
import org.apache.james.protocols.pop3.core.POP3MessageCommandArguments;
import org.apache.james.protocols.pop3.core.POP3MessageCommandDelegate;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/** DELE: James' checks (state, number, already deleted); marks the message for QUIT and logs it by UIDL. */
public final class DeleCommand extends AbstractPOP3CommandHandler {

    private static final List<String> COMMANDS = List.of("DELE");
    private static final Response DELETED = new POP3Response(POP3Response.OK_RESPONSE, "Message deleted").immutable();

    private final Pop3Log pop3Log;

    public DeleCommand(Pop3Log pop3Log) {
        this.pop3Log = pop3Log;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        return new POP3MessageCommandDelegate(COMMANDS) {
            @Override
            protected Response handleMessageExists(
                    POP3Session s, MessageMetaData data, POP3MessageCommandArguments args) {
                List<String> deleted = s.getAttachment(POP3Session.DELETED_UID_LIST, State.Transaction)
                        .orElse(null);
                if (deleted == null) {
                    deleted = new ArrayList<>();
                    s.setAttachment(POP3Session.DELETED_UID_LIST, deleted, State.Transaction);
                }
                deleted.add(data.getUid());
                pop3Log.deleted(SessionSummary.of(s), MessageNumber.of(request), data.getUid(), data.getSize());
                return DELETED;
            }
        }.handleMessageRequest(session, request);
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
