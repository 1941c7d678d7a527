package dev.maillab.mailserver.pop3.james;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a reply after a delay, or after work done on another thread, without blocking a Netty thread:
 * the connection's {@link CommandLineDecoder} pauses, so lines the client has already pipelined stay
 * unread in its buffer (however many: back-pressure, not a queue), and after the reply they are handled
 * in order. So a client cannot get around the failed-login delay by pipelining PASS attempts, and the
 * other connections on the same event loop are not slowed down.
 */
public final class HeldReply {

    static final ProtocolSession.AttachmentKey<Channel> CHANNEL =
            ProtocolSession.AttachmentKey.of("maillab.channel", Channel.class);
    private static final Logger log = LoggerFactory.getLogger(HeldReply.class);

    /** A reply and how long to hold it back. */
    public record Answer(Response response, Duration delay) {}

    /** Call from a command handler, which then returns null (no reply now). */
    public void replyLater(POP3Session session, Response response, Duration delay) {
        Channel channel = session.getAttachment(CHANNEL, State.Connection).orElse(null);
        if (channel == null || delay.isZero()) {
            write(session, response);
            return;
        }
        CommandLineDecoder lines = hold(channel);
        releaseAfter(session, channel, lines, response, delay);
    }

    /**
     * Call from a command handler, which then returns null: the session is held while {@code work} runs
     * elsewhere, then {@code answer} (given its result or failure) runs on the connection's event loop
     * and its reply goes out after the reply's delay. For work too slow for an event loop thread, which
     * would stall every other connection of that thread meanwhile.
     */
    public <T> void replyWhenDone(
            POP3Session session, CompletableFuture<T> work, BiFunction<T, Throwable, Answer> answer) {
        Channel channel = session.getAttachment(CHANNEL, State.Connection).orElse(null);
        if (channel == null) {
            T value = null;
            Throwable error = null;
            try {
                value = work.join();
            } catch (RuntimeException e) {
                error = e.getCause() == null ? e : e.getCause();
            }
            write(session, answer.apply(value, error).response());
            return;
        }
        CommandLineDecoder lines = hold(channel);
        work.whenComplete((value, error) -> channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return; // the connection is gone: nothing to answer, nothing was opened
            }
            Answer a;
            try {
                a = answer.apply(value, error);
            } catch (RuntimeException e) {
                log.error("pop3 reply failed; closing the connection", e);
                channel.close(); // a held session would otherwise wait for its idle timeout
                return;
            }
            releaseAfter(session, channel, lines, a.response(), a.delay());
        }));
    }

    private static CommandLineDecoder hold(Channel channel) {
        CommandLineDecoder lines = channel.pipeline().get(CommandLineDecoder.class);
        lines.pause();
        return lines;
    }

    private void releaseAfter(
            POP3Session session, Channel channel, CommandLineDecoder lines, Response response, Duration delay) {
        if (delay.isZero()) {
            release(session, channel, lines, response);
        } else {
            channel.eventLoop()
                    .schedule(() -> release(session, channel, lines, response), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void release(POP3Session session, Channel channel, CommandLineDecoder lines, Response response) {
        if (!channel.isActive()) {
            return;
        }
        write(session, response);
        if (!response.isEndSession()) {
            lines.resume();
        }
    }

    private static void write(POP3Session session, Response response) {
        ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(response, session);
    }
}
