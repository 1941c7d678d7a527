package dev.maillab.app.send;

import dev.maillab.app.route.DnsLookup;
import dev.maillab.app.route.MailHost;
import java.util.List;
import java.util.Locale;

/**
 * How one send ended, accepted or not: what {@link SendObserver}s are told.
 *
 * @param source    who asked for it
 * @param messageId its Message-ID, angle brackets included
 * @param from      the envelope sender
 * @param to        every recipient (To and Cc), as given to the mail server
 * @param subject   the subject as requested (not encoded)
 * @param lookups   the DNS lookups made for it, in order, over all attempts
 * @param relay     the host that accepted it, or the last one tried; null when none was
 * @param reply     the mail server's last reply line (250 on success, the 4xx or 5xx that ended it); null when no
 *                  server answered
 * @param queueId   the queue id in the reply ("queued as X"); null when it names none
 * @param millis    how long the send took, checks and composing included
 * @param error     why it was not accepted; null when it was
 */
public record SendReport(
        Source source,
        String messageId,
        String from,
        List<String> to,
        String subject,
        List<DnsLookup> lookups,
        MailHost relay,
        String reply,
        String queueId,
        long millis,
        String error) {

    public SendReport {
        to = List.copyOf(to);
        lookups = List.copyOf(lookups);
    }

    /** Who asked for a send: the HTTP API, the one-shot command or the start-up demo mail. */
    public enum Source {
        API,
        COMMAND,
        DEMO;

        /** As the console reads it: {@code api}, {@code command}, {@code demo}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
