package dev.maillab.dns.query;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** What to send back for one query. */
public sealed interface Reply {

    /** Send nothing (the packet was not a query we can answer, e.g. its header could not be read). */
    record Drop() implements Reply {}

    /** One message, ready to send. */
    record Now(byte[] wire) implements Reply {}

    /** One message that arrives later (a forwarded query); completes with null to send nothing. */
    record Later(CompletionStage<byte[]> wire) implements Reply {}

    /** Several messages in order (a zone transfer over TCP). */
    record Stream(List<byte[]> messages) implements Reply {}

    /**
     * What a fault rule made of the answer: {@code reply} is sent as usual ({@link #DROP}: nothing), and the
     * transport's listener is told {@code fault} (the rule and its action). {@code question} is the question echoed
     * in an unsent reply, for the query log of a query that gets no answer; null otherwise.
     */
    record Faulted(Reply reply, String fault, byte[] question) implements Reply {}

    Drop DROP = new Drop();
}
