package dev.maillab.mailserver.pop3.command;

import java.io.InputStream;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.james.protocols.api.StreamResponse;
import org.apache.james.protocols.pop3.POP3Response;

/**
 * The answer to RETR and TOP as one stream: status line, dot-stuffed message and terminator. James'
 * transport writes a {@link StreamResponse}'s lines and its stream separately, and its own POP3 stream
 * adds the terminator as a third write; here the lines are empty and the stream carries everything, so
 * a message that fits a chunk leaves in a single write instead of three small TCP segments.
 */
public final class MessageReply implements StreamResponse {

    private final MultiLineStream stream;

    private MessageReply(MultiLineStream stream) {
        this.stream = stream;
    }

    /** RETR: the whole message; {@code size} is the octet count the status line announces. */
    static MessageReply retr(InputStream content, long size) {
        return new MessageReply(new MultiLineStream("+OK " + size + " octets", content, size, -1));
    }

    /**
     * TOP: the header, the blank line, and at most {@code bodyLines} lines of the body; {@code sent} gets
     * the octets that followed the status line, once they have been read.
     */
    static MessageReply top(InputStream content, long size, int bodyLines, LongConsumer sent) {
        return new MessageReply(
                new MultiLineStream("+OK Top of message follows", content, size, bodyLines).onEnd(sent));
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
