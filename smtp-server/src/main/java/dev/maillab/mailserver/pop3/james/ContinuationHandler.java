package dev.maillab.mailserver.pop3.james;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * A command that, after answering {@code + } (a continuation, RFC 5034 section 4), takes the client's next line as
 * its own instead of as a new command. {@link Pop3CommandDispatcher} asks it before it dispatches a line.
 */
public interface ContinuationHandler {

    /** True while the session owes the line after {@code + }: its next line is that, not a command. */
    boolean awaitingResponse(POP3Session session);

    /** The line after {@code + }. */
    Response onResponse(POP3Session session, byte[] line);

    /** Ends a pending exchange (its line was too long, or held a NUL). */
    void cancel(POP3Session session);
}
