package dev.maillab.app.events;

import dev.maillab.app.route.DnsLookup;
import dev.maillab.app.route.MailHost;
import dev.maillab.app.send.SendReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fields of an {@code app.send} event, in the order the console's contract lists them: one per message handed
 * to a mail server, accepted or not.
 *
 * @param source    {@code api}, {@code command} or {@code demo}
 * @param messageId the Message-ID, angle brackets included (joins smtp.delivery)
 * @param from      the envelope sender
 * @param to        every recipient (To and Cc)
 * @param subject   the subject as requested
 * @param lookups   the DNS lookups made, in order (the console matches them to dns.query by name and time)
 * @param relay     the host that accepted the message, or the last one tried; null when none was
 * @param reply     the mail server's last reply line; null when none answered
 * @param queueId   the queue id of a 250 reply ("queued as X"; joins smtp.delivery and smtp.session); else null
 * @param millis    how long the send took (the event is recorded when it ended)
 * @param error     why it was not accepted; null when it was
 */
public record AppSend(
        String source,
        String messageId,
        String from,
        List<String> to,
        String subject,
        List<Lookup> lookups,
        Relay relay,
        String reply,
        String queueId,
        long millis,
        String error) {

    public static final String KIND = "app.send";

    private static final Set<String> SOURCES = Set.of("api", "command", "demo");

    /** One DNS question: the absolute name, the type, each answer's data. */
    public record Lookup(String name, String type, List<String> answers) {}

    /** The mail server: its name as found (MX target or fallback host), the address connected to, the port. */
    public record Relay(String host, String address, int port) {}

    public static AppSend of(SendReport r) {
        List<Lookup> lookups = new ArrayList<>();
        for (DnsLookup l : r.lookups()) {
            lookups.add(new Lookup(l.name(), l.type(), l.answers()));
        }
        MailHost h = r.relay();
        return new AppSend(
                r.source().label(),
                r.messageId(),
                r.from(),
                r.to(),
                r.subject(),
                lookups,
                h == null ? null : new Relay(h.name(), h.address().getHostAddress(), h.port()),
                r.reply(),
                r.queueId(),
                r.millis(),
                r.error());
    }

    /**
     * The checks on one that arrived from outside ({@code POST /api/events}), beyond its JSON types.
     *
     * @throws IllegalArgumentException naming the field
     */
    public AppSend checked() {
        require(source != null && SOURCES.contains(source), "source must be api, command or demo");
        require(messageId != null && !messageId.isBlank(), "messageId must be a Message-ID");
        require(from != null, "from must be an address");
        require(to != null && !to.isEmpty() && !to.contains(null), "to must be an array of addresses");
        require(subject != null, "subject must be a string");
        require(lookups != null && !lookups.contains(null), "lookups must be an array of lookups");
        for (Lookup l : lookups) {
            require(
                    l.name() != null
                            && l.type() != null
                            && l.answers() != null
                            && !l.answers().contains(null),
                    "lookups: each needs name, type and answers (an array of strings)");
        }
        require(
                relay == null
                        || (relay.host() != null
                                && relay.address() != null
                                && relay.port() > 0
                                && relay.port() <= 65535),
                "relay must be null or have host, address and a port in 1..65535");
        require(millis >= 0, "millis must not be negative");
        return this;
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new IllegalArgumentException(why);
        }
    }
}
