package dev.maillab.mailserver.pop3.james;

import com.google.common.base.Splitter;
import dev.maillab.mailserver.pop3.Pop3Log;
import dev.maillab.mailserver.pop3.SessionSummary;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/**
 * James' dispatcher with four additions: a line with a NUL octet is refused; the line after an
 * {@code AUTH PLAIN} challenge goes to that command ({@link ContinuationHandler}); message numbers below 1 are refused here (James' handlers index the list with
 * them and log a stack trace for what is only bad input); and James' bare {@code -ERR} gets a reason. Every line
 * goes to the session's record as it may be shown (see {@link #shown}).
 */
public final class Pop3CommandDispatcher extends CommandDispatcher<POP3Session> {

    private static final Splitter ARGUMENTS =
            Splitter.on(' ').omitEmptyStrings().trimResults();
    private static final Set<String> NUMBERED = Set.of("RETR", "TOP", "DELE", "LIST", "UIDL");
    private static final Response NO_SUCH_MESSAGE =
            new POP3Response(POP3Response.ERR_RESPONSE, "No such message").immutable();
    private static final Response NO_COMMAND =
            new POP3Response(POP3Response.ERR_RESPONSE, "No command given").immutable();
    private static final Response LOG_IN_FIRST =
            new POP3Response(POP3Response.ERR_RESPONSE, "Log in first (USER and PASS, APOP or AUTH)").immutable();
    private static final Response NOT_AFTER_LOGIN =
            new POP3Response(POP3Response.ERR_RESPONSE, "Not valid once logged in").immutable();
    private static final Response NUL =
            new POP3Response(POP3Response.ERR_RESPONSE, "NUL octet in the command line").immutable();
    private static final int MAX_ECHO = 16;
    private static final Set<String> ONE_MESSAGE = Set.of("RETR", "TOP", "DELE", "UIDL");
    static final String HIDDEN = "(credentials hidden)";

    private final ContinuationHandler auth;
    private final Set<String> known = new HashSet<>();
    private final Response lineTooLong;

    public Pop3CommandDispatcher(ContinuationHandler auth, int maxLineLength) {
        this.auth = auth;
        this.lineTooLong = new POP3Response(
                        POP3Response.ERR_RESPONSE, "Line too long (more than " + maxLineLength + " octets with CRLF)")
                .immutable();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void wireExtensions(Class interfaceName, List extensions) throws WiringException {
        super.wireExtensions(interfaceName, extensions);
        if (interfaceName.equals(CommandHandler.class)) {
            for (Object handler : extensions) {
                for (Object command : ((CommandHandler) handler).getImplCommands()) {
                    known.add(((String) command).trim().toUpperCase(Locale.US));
                }
            }
        }
    }

    @Override
    public Response onLine(POP3Session session, byte[] line) {
        SessionSummary summary = SessionSummary.of(session);
        if (summary.observed()) {
            observe(session, summary, line);
        }
        if (hasNul(line)) {
            // no command or response has one; James would trim it off the end and obey the rest
            auth.cancel(session);
            return NUL;
        }
        if (auth.awaitingResponse(session)) {
            return auth.onResponse(session, line);
        }
        return super.onLine(session, line);
    }

    /** The answer to a line over the limit (its octets were dropped); it also ends an AUTH exchange. */
    Response lineTooLong(POP3Session session) {
        SessionSummary.of(session).command("(line too long)", null);
        auth.cancel(session);
        return lineTooLong;
    }

    @Override
    protected Response dispatchCommandHandlers(POP3Session session, Request request) {
        String argument = request.getArgument();
        if (argument != null && NUMBERED.contains(request.getCommand()) && belowOne(argument)) {
            return NO_SUCH_MESSAGE;
        }
        Response response = super.dispatchCommandHandlers(session, request);
        return response == POP3Response.ERR ? explain(session, request.getCommand()) : response;
    }

    /** Why James said a bare -ERR: an unknown command, or one the session's state does not allow. */
    private Response explain(POP3Session session, String command) {
        if (command.isEmpty()) {
            return NO_COMMAND;
        }
        if (!known.contains(command)) {
            String shown = Pop3Log.bounded(command.length() > MAX_ECHO ? command.substring(0, MAX_ECHO) : command);
            return new POP3Response(POP3Response.ERR_RESPONSE, "Unknown command: " + shown);
        }
        return session.getHandlerState() == POP3Session.TRANSACTION ? NOT_AFTER_LOGIN : LOG_IN_FIRST;
    }

    private void observe(POP3Session session, SessionSummary summary, byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        if (auth.awaitingResponse(session)) {
            summary.command(HIDDEN, null); // the answer to an AUTH challenge
            return;
        }
        List<String> words = ARGUMENTS.limit(3).splitToList(text);
        String verb = words.isEmpty() ? "" : words.get(0).toUpperCase(Locale.US);
        String message = ONE_MESSAGE.contains(verb) && words.size() > 1 ? messageName(session, words.get(1)) : null;
        summary.command(shown(text, verb, words.size()), message);
    }

    /** The line with what is secret hidden: PASS's and APOP's arguments, AUTH's initial response. */
    static String shown(String line, String verb, int words) {
        return switch (verb) {
            case "PASS", "APOP" -> words > 1 ? verb + " " + HIDDEN : line;
            case "AUTH" -> words > 2 ? "AUTH " + ARGUMENTS.splitToList(line).get(1) + " " + HIDDEN : line;
            default -> line;
        };
    }

    /** The Maildir name of message {@code number} of the session's snapshot, or null when there is none. */
    private static String messageName(POP3Session session, String number) {
        List<MessageMetaData> messages =
                session.getAttachment(POP3Session.UID_LIST, State.Transaction).orElse(null);
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return null;
        }
        if (messages == null || n < 1 || n > messages.size()) {
            return null;
        }
        String uid = messages.get(n - 1).getUid();
        return session.getUserMailbox() instanceof MaildropMailbox mailbox ? mailbox.nameOf(uid) : uid;
    }

    private static boolean hasNul(byte[] line) {
        for (byte b : line) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether James would read the message number as 0 or less (and then index its list at -1): split and trimmed
     * exactly as James' POP3MessageCommandArguments does, so a number James accepts is never judged otherwise here
     * (a no-break space is trimmed by Guava's whitespace, not by String.strip).
     */
    private static boolean belowOne(String argument) {
        List<String> words = ARGUMENTS.splitToList(argument);
        if (words.isEmpty()) {
            return false;
        }
        try {
            return Integer.parseInt(words.get(0)) < 1;
        } catch (NumberFormatException e) {
            return false; // not a number: James answers with its usage error
        }
    }
}
