package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.Pop3Log;
import dev.maillab.mailserver.pop3.SessionSummary;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;
import org.apache.james.protocols.pop3.core.POP3MessageCommandArguments;
import org.apache.james.protocols.pop3.core.POP3MessageCommandDelegate;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/** TOP msg n (RFC 1939): James' checks, answered like RETR in one write; n must be a number 0 or more. */
public final class TopCommand extends AbstractPOP3CommandHandler {

    private static final List<String> COMMANDS = List.of("TOP");
    private static final Response USAGE =
            new POP3Response(POP3Response.ERR_RESPONSE, "Usage: TOP [mail number] [line count]").immutable();

    private final Pop3Log pop3Log;

    public TopCommand(Pop3Log pop3Log) {
        this.pop3Log = pop3Log;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        int lines = lineCount(request.getArgument());
        if (lines < 0) {
            return session.getHandlerState() == POP3Session.TRANSACTION ? USAGE : POP3Response.ERR;
        }
        // James' delegate checks state, message number and deletion; it keeps the line count to itself
        return new POP3MessageCommandDelegate(COMMANDS) {
            @Override
            protected Response handleMessageExists(
                    POP3Session s, MessageMetaData data, POP3MessageCommandArguments args) throws IOException {
                int number = MessageNumber.of(request);
                return MessageReply.of(s, data, number, content -> {
                    SessionSummary summary = SessionSummary.of(s);
                    summary.top++;
                    pop3Log.retrieved(summary, "top", number, data.getUid(), data.getSize());
                    return MessageReply.top(content, lines, sent -> summary.topBytes += sent);
                });
            }

            @Override
            protected Response handleSyntaxError() {
                return USAGE;
            }
        }.handleMessageRequest(session, request);
    }

    /** The second argument, or -1 if it is missing, negative or not a number. */
    private static int lineCount(String argument) {
        String[] args = argument == null ? new String[0] : argument.strip().split(" +");
        if (args.length != 2) {
            return -1;
        }
        try {
            return Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
