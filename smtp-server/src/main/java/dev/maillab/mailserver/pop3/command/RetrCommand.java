package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.Pop3Log;
import dev.maillab.mailserver.pop3.Pop3Metrics;
import dev.maillab.mailserver.pop3.SessionSummary;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;
import org.apache.james.protocols.pop3.core.POP3MessageCommandArguments;
import org.apache.james.protocols.pop3.core.POP3MessageCommandDelegate;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/**
 * RETR: James' checks (state, arguments, deleted messages), answered with a {@link MessageReply} so the
 * whole reply leaves in one write; counted in the retrieved-messages/bytes meters and the session summary,
 * and logged with its UIDL.
 */
public final class RetrCommand extends AbstractPOP3CommandHandler {

    private static final List<String> COMMANDS = List.of("RETR");

    private final Pop3Metrics metrics;
    private final Pop3Log pop3Log;

    public RetrCommand(Pop3Metrics metrics, Pop3Log pop3Log) {
        this.metrics = metrics;
        this.pop3Log = pop3Log;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        return new POP3MessageCommandDelegate(COMMANDS) {
            @Override
            protected Response handleMessageExists(
                    POP3Session s, MessageMetaData data, POP3MessageCommandArguments args) throws IOException {
                int number = MessageNumber.of(request);
                return MessageReply.of(s, data, number, content -> {
                    metrics.retrievedMessages.increment();
                    metrics.retrievedBytes.increment(data.getSize());
                    SessionSummary summary = SessionSummary.of(s);
                    summary.retr++;
                    summary.retrBytes += data.getSize();
                    pop3Log.retrieved(summary, "retr", number, data.getUid(), data.getSize());
                    return MessageReply.retr(content, data.getSize());
                });
            }
        }.handleMessageRequest(session, request);
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
