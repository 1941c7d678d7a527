package dev.maillab.mailserver.events;

/**
 * {@code relay.attempt}: one recipient's outcome of one delivery attempt, as the {@code postfix/smtp} log line says
 * it.
 *
 * @param attempt the attempt's number for the message, from 1
 * @param start   when the delivery to the domain began (its MX lookup), ISO with ms
 * @param relay   {@code mail.example.test[127.0.0.3]:25} of the host that answered, or {@code none}
 * @param delay   seconds since the message was queued
 * @param dsn     RFC 3463 status: 2.0.0, 4.4.1, 5.1.1, ...
 * @param status  {@code sent}, {@code deferred} or {@code bounced}
 * @param reply   the remote host's reply for the recipient ({@code 250 2.0.0 Ok: queued as ...}), null without one
 * @param detail  the log line's parentheses: the reply when sent, else why not
 */
record RelayAttemptEvent(
        String queueId,
        String recipient,
        String domain,
        int attempt,
        String start,
        String relay,
        double delay,
        String dsn,
        String status,
        String reply,
        String detail) {}
