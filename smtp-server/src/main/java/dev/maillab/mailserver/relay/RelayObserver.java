package dev.maillab.mailserver.relay;

import java.time.Instant;
import java.util.List;

/**
 * What the relay tells whoever keeps a record of it (the web console's event journal): each message that became
 * durable in the queue, each recipient's outcome of each delivery attempt, and each bounce it made. Called on the
 * intake's or a relay worker's thread; an observer must never throw (the queue guards each call anyway).
 * {@link #NONE} keeps nothing.
 */
public interface RelayObserver {

    RelayObserver NONE = new RelayObserver() {};

    /** A message is in the queue, durable (a relayed one before its 250, a bounce before it is tried). */
    default void queued(Queued queued) {}

    /** One recipient's outcome of one delivery attempt (one line of Postfix's {@code postfix/smtp} log). */
    default void attempted(Attempt attempt) {}

    /** A notification of non-delivery was made for a queued message's failed recipients. */
    default void bounced(Bounce bounce) {}

    /**
     * @param messageId  the queued content's Message-ID (the client's, or the one the intake added), null without one
     * @param sender     the envelope sender, empty for a bounce
     * @param domains    the destination domains, one delivery each
     * @param size       octets of the queued content
     */
    record Queued(
            String queueId,
            String messageId,
            String sender,
            List<String> recipients,
            List<String> domains,
            long size) {}

    /**
     * @param attempt the attempt's number for this message, from 1
     * @param start   when the delivery to the recipient's domain began (its MX lookup)
     * @param relay   {@code name[ip]:port} of the host that answered, or {@code none}
     * @param delay   seconds since the message was queued, as the log's {@code delay=}
     * @param dsn     the RFC 3463 status
     * @param status  {@code sent}, {@code deferred} or {@code bounced}
     * @param reply   what the remote host replied for this recipient, null when none did
     * @param detail  the log line's parentheses: the reply for a sent one, else why
     */
    record Attempt(
            String queueId,
            String recipient,
            String domain,
            int attempt,
            Instant start,
            String relay,
            double delay,
            String dsn,
            String status,
            String reply,
            String detail) {}

    /**
     * @param queueId         the message that could not be delivered
     * @param bounceQueueId   the notification's own queue id (its log lines', its queue entry's)
     * @param bounceMessageId the notification's Message-ID
     * @param to              who gets it: the original's sender
     * @param recipients      the failed recipients it reports
     * @param delivery        {@code maildir} (the sender is local) or {@code queue} (at another lab domain)
     * @param expired         the message outlived {@code max-lifetime}: its deferred recipients are among those reported
     */
    record Bounce(
            String queueId,
            String bounceQueueId,
            String bounceMessageId,
            String to,
            List<String> recipients,
            String delivery,
            boolean expired) {}
}
