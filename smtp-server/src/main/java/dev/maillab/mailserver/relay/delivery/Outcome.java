package dev.maillab.mailserver.relay.delivery;

/**
 * What one delivery attempt did for one recipient.
 *
 * @param relay     {@code name[ip]:port} of the host that answered for it, or {@code none}
 * @param dsn       the RFC 3463 status: 2.0.0, 4.4.1, 5.1.1, ...
 * @param text      what the log's parentheses hold: the reply for a sent one, else why
 *                  ({@code host mail.example.test[127.0.0.3] said: 550 ... (in reply to RCPT TO command)})
 * @param remoteMta the host that answered, for the DSN's Remote-MTA; null when none did
 * @param reply     that host's reply, for the DSN's Diagnostic-Code; null when there was none
 */
public record Outcome(
        String recipient, Status status, String relay, String dsn, String text, String remoteMta, String reply) {

    public enum Status {
        SENT,
        DEFERRED,
        BOUNCED
    }

    static Outcome fromReply(String recipient, MailHost host, int port, SmtpReply reply, String stage) {
        Status status = reply.positive() ? Status.SENT : reply.permanent() ? Status.BOUNCED : Status.DEFERRED;
        String text = status == Status.SENT
                ? reply.text()
                : "host " + host.hostAndAddress() + " said: " + reply.text() + " (in reply to " + stage + " command)";
        return new Outcome(recipient, status, host.relay(port), reply.dsn(), text, host.name(), reply.text());
    }

    /** A failure without a reply for the recipient: no route, no connection, a lost one. */
    static Outcome failed(String recipient, boolean permanent, String relay, String dsn, String text) {
        return new Outcome(recipient, permanent ? Status.BOUNCED : Status.DEFERRED, relay, dsn, text, null, null);
    }
}
