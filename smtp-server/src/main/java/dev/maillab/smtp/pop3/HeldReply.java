package dev.maillab.smtp.pop3;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a reply after a delay, or after work done on another thread, without blocking a Netty thread:
 * reading stops, lines the client has already pipelined are held, and then the reply goes out and the
 * held lines are processed in order. So a client cannot get around the failed-login delay by pipelining
 * PASS attempts, and the other connections on the same event loop are not slowed down.
 */
final class HeldReply {

    static final ProtocolSession.AttachmentKey<Channel> CHANNEL =
            ProtocolSession.AttachmentKey.of("maillab.channel", Channel.class);
    private static final ProtocolSession.AttachmentKey<Hold> HOLD =
            ProtocolSession.AttachmentKey.of("maillab.hold", Hold.class);
    /** A client pipelining more than this while held is not a mail client; it is dropped. */
    private static final int MAX_HELD_LINES = 64;
    private static final Logger log = LoggerFactory.getLogger(HeldReply.class);

    private static final class Hold {
        final Deque<byte[]> lines = new ArrayDeque<>();
    }

    private volatile LineHandler<POP3Session> dispatcher;

    /** The chain's command dispatcher, which replays held lines. */
    void dispatchTo(LineHandler<POP3Session> dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** A reply and how long to hold it back. */
    record Answer(Response response, Duration delay) {
    }

    /** Call from a command handler, which then returns null (no reply now). */
    void replyLater(POP3Session session, Response response, Duration delay) {
        Channel channel = session.getAttachment(CHANNEL, State.Connection).orElse(null);
        if (channel == null || delay.isZero()) {
            write(session, response);
            return;
        }
        Hold hold = hold(session, channel);
        releaseAfter(session, channel, hold, response, delay);
    }

    /**
     * Call from a command handler, which then returns null: the session is held while {@code work} runs
     * elsewhere, then {@code answer} (given its result or failure) runs on the connection's event loop
     * and its reply goes out after the reply's delay. For work too slow for an event loop thread, which
     * would stall every other connection of that thread meanwhile.
     */
    <T> void replyWhenDone(POP3Session session, CompletableFuture<T> work, BiFunction<T, Throwable, Answer> answer) {
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
        Hold hold = hold(session, channel);
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
            releaseAfter(session, channel, hold, a.response(), a.delay());
        }));
    }

    private Hold hold(POP3Session session, Channel channel) {
        Hold hold = new Hold();
        session.setAttachment(HOLD, hold, State.Connection);
        channel.config().setAutoRead(false);
        session.pushLineHandler((LineHandler<POP3Session>) (s, line) -> {
            hold.lines.add(line);
            if (hold.lines.size() > MAX_HELD_LINES) {
                channel.close();
            }
            return null;
        });
        return hold;
    }

    private void releaseAfter(POP3Session session, Channel channel, Hold hold, Response response, Duration delay) {
        if (delay.isZero()) {
            release(session, channel, hold, response);
        } else {
            channel.eventLoop().schedule(() -> release(session, channel, hold, response), delay.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void release(POP3Session session, Channel channel, Hold hold, Response response) {
        if (!channel.isActive()) {
            return;
        }
        session.removeAttachment(HOLD, State.Connection);
        session.popLineHandler();
        write(session, response);
        while (!hold.lines.isEmpty()) {
            Response r = dispatcher.onLine(session, hold.lines.poll());
            if (r != null) {
                write(session, r);
                if (r.isEndSession()) {
                    return;
                }
            }
            Hold next = session.getAttachment(HOLD, State.Connection).orElse(null);
            if (next != null) {
                // that line started another hold: the rest waits for it, still in order
                next.lines.addAll(hold.lines);
                return;
            }
        }
        channel.config().setAutoRead(true);
    }

    private static void write(POP3Session session, Response response) {
        ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(response, session);
    }
}
