package dev.maillab.mailserver.relay.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the queue knows of one message besides its content: Postfix's queue file records, kept beside the message.
 *
 * @param id         the queue id (the SMTP transaction's, or a bounce's own): upper-case hex
 * @param sender     the envelope sender; empty for a bounce (the null reverse-path {@code <>}), which is never bounced
 * @param recipients the recipients still to deliver to, in the order they were given
 * @param arrival    when the message was queued: its age, and the lifetime counts from here
 * @param size       octets of the queued content
 * @param attempts   deliveries tried so far that left recipients behind
 * @param nextTry    when the next delivery is due
 * @param lastError  why the last attempt left recipients behind; null before the first
 */
public record Envelope(
        String id,
        String sender,
        List<String> recipients,
        Instant arrival,
        long size,
        int attempts,
        Instant nextTry,
        String lastError) {

    public Envelope {
        if (!isQueueId(id)) {
            throw new IllegalArgumentException("not a queue id: " + id);
        }
        recipients = List.copyOf(recipients);
    }

    /** A new entry, due now. */
    public static Envelope arrived(String id, String sender, List<String> recipients, Instant arrival, long size) {
        return new Envelope(id, sender, recipients, arrival, size, 0, arrival, null);
    }

    /** Upper-case hex, 1 to 32 digits: the only names the queue makes files of. */
    public static boolean isQueueId(String id) {
        return id != null && id.matches("[0-9A-F]{1,32}");
    }

    public boolean isBounce() {
        return sender.isEmpty();
    }

    /** The recipients by domain (lower case), in the order the domains first appear: one delivery each. */
    public Map<String, List<String>> byDomain() {
        Map<String, List<String>> domains = new LinkedHashMap<>();
        for (String recipient : recipients) {
            domains.computeIfAbsent(domainOf(recipient), d -> new ArrayList<>()).add(recipient);
        }
        return domains;
    }

    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The same message with only these recipients left. */
    public Envelope withRecipients(List<String> left) {
        return new Envelope(id, sender, left, arrival, size, attempts, nextTry, lastError);
    }

    /** After an attempt that left recipients behind: one attempt more, the next one due then. */
    public Envelope deferred(Instant next, String error) {
        return new Envelope(id, sender, recipients, arrival, size, attempts + 1, next, error);
    }

    /** Due now (flush). */
    public Envelope dueAt(Instant now) {
        return new Envelope(id, sender, recipients, arrival, size, attempts, now, lastError);
    }
}
