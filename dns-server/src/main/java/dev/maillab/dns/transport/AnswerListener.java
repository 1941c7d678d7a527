package dev.maillab.dns.transport;

import dev.maillab.dns.query.Protocol;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Told of every answer a transport sent (not of queries dropped without one), after it went out: the web console's
 * query log listens here. Called on the transport's thread, so an implementation is quick and never throws.
 */
public interface AnswerListener {

    /** Listens to nothing: what the transports do when events are off (no call does any work). */
    AnswerListener NONE = new AnswerListener() {
        @Override
        public void answered(Protocol protocol, InetSocketAddress client, byte[] reply, long nanos) {}

        @Override
        public void transferred(Protocol protocol, InetSocketAddress client, List<byte[]> replies, long nanos) {}

        @Override
        public void faulted(
                Protocol protocol, InetSocketAddress client, byte[] message, boolean sent, String fault, long nanos) {}
    };

    /**
     * One answer.
     *
     * @param reply the message in wire form, as sent
     * @param nanos from the query's arrival to its answer being ready
     */
    void answered(Protocol protocol, InetSocketAddress client, byte[] reply, long nanos);

    /**
     * A query a fault rule changed: answered with an error or late ({@code sent}, {@code message} as sent), or not
     * answered at all ({@code message} then echoes the question, unsent).
     *
     * @param fault the rule and its action ({@code http-1 servfail})
     */
    void faulted(Protocol protocol, InetSocketAddress client, byte[] message, boolean sent, String fault, long nanos);

    /** An answer sent, faulted when {@code fault} is not null. */
    default void answered(Protocol protocol, InetSocketAddress client, byte[] reply, long nanos, String fault) {
        if (fault == null) {
            answered(protocol, client, reply, nanos);
        } else {
            faulted(protocol, client, reply, true, fault, nanos);
        }
    }

    /** The messages of one zone transfer, in order. */
    void transferred(Protocol protocol, InetSocketAddress client, List<byte[]> replies, long nanos);
}
