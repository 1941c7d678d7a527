package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.SessionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StreamResponse;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to RETR and TOP as one stream: status line, dot-stuffed message and terminator. James'
 * transport writes a {@link StreamResponse}'s lines and its stream separately, and its own POP3 stream
 * adds the terminator as a third write; here the lines are empty and the stream carries everything, so
 * a message that fits a chunk leaves in a single write instead of three small TCP segments.
 */
final class MessageReply implements StreamResponse {

    private static final Logger log = LoggerFactory.getLogger(MessageReply.class);

    private final MultiLineStream stream;

    private MessageReply(MultiLineStream stream) {
        this.stream = stream;
    }

    /**
     * The reply {@code reply} makes of the message's content, or, when the store cannot read the message now, a
     * temporary {@code -ERR [SYS/TEMP]} (RFC 2449 section 8.1.2) so the client neither takes it as gone nor gives
     * up on it. A message removed since the session's snapshot is thrown on as {@link NoSuchFileException}, which
     * James' delegate answers {@code -ERR Message (n) does not exist.}
     */
    static Response of(POP3Session session, MessageMetaData message, int number, Function<InputStream, Response> reply)
            throws IOException {
        InputStream content;
        try {
            content = session.getUserMailbox().getMessage(message.getUid());
        } catch (NoSuchFileException gone) {
            throw gone;
        } catch (IOException e) {
            log.error(
                    "pop3 cannot read message {} (uidl={}) of {}",
                    number,
                    message.getUid(),
                    SessionSummary.of(session).user,
                    e);
            return new POP3Response(
                    POP3Response.ERR_RESPONSE, "[SYS/TEMP] Message " + number + " cannot be read, try again later");
        }
        return reply.apply(content);
    }

    /** RETR: the whole message; {@code size} is the octet count the status line announces. */
    static MessageReply retr(InputStream content, long size) {
        return new MessageReply(new MultiLineStream("+OK " + size + " octets", content, -1));
    }

    /**
     * TOP: the header, the blank line, and at most {@code bodyLines} lines of the body; {@code sent} gets
     * the octets that followed the status line, once they have been read.
     */
    static MessageReply top(InputStream content, int bodyLines, LongConsumer sent) {
        return new MessageReply(new MultiLineStream("+OK Top of message follows", content, bodyLines).onEnd(sent));
    }

    @Override
    public InputStream getStream() {
        return stream;
    }

    @Override
    public String getRetCode() {
        return POP3Response.OK_RESPONSE;
    }

    /** Empty: the status line is the start of {@link #getStream()}. */
    @Override
    public List<CharSequence> getLines() {
        return List.of();
    }

    @Override
    public boolean isEndSession() {
        return false;
    }
}
