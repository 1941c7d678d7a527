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

    Drop DROP = new Drop();
}
