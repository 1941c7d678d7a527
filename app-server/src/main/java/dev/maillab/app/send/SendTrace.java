package dev.maillab.app.send;

import dev.maillab.app.route.DnsLookup;
import dev.maillab.app.route.MailHost;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one message on its way out, noted by {@link RoutingMailSender} as it goes: the DNS lookups, the
 * host last tried and its last reply.
 */
final class SendTrace {

    private final List<DnsLookup> lookups = new ArrayList<>();
    private MailHost relay;
    private String reply;

    synchronized void looked(List<DnsLookup> made) {
        lookups.addAll(made);
    }

    /** @param reply the server's reply, or null when it never answered */
    synchronized void tried(MailHost host, String reply) {
        this.relay = host;
        this.reply = reply;
    }

    synchronized List<DnsLookup> lookups() {
        return List.copyOf(lookups);
    }

    synchronized MailHost relay() {
        return relay;
    }

    synchronized String reply() {
        return reply;
    }
}
