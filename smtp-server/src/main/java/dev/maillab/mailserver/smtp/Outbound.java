package dev.maillab.mailserver.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * What the intake asks about mail that is not for a local domain: whether it may be relayed at all, and where the
 * relayed copy goes. The relay feature implements it ({@code relay.LabOutbound}); without it ({@link #NONE}) this
 * server is a final destination only and every other domain gets {@code 554 5.7.1 Relay access denied}.
 */
public interface Outbound {

    /** No relaying: no other domain is the lab's, nothing is queued. */
    Outbound NONE = new Outbound() {
        @Override
        public boolean isLabDomain(String domain) {
            return false;
        }

        @Override
        public boolean trusts(InetAddress client) {
            return false;
        }

        @Override
        public boolean hasRoom() {
            return false;
        }

        @Override
        public void enqueue(String queueId, String sender, List<String> recipients, byte[] message) throws IOException {
            throw new IOException("this server relays nothing");
        }
    };

    /** One of the lab's other domains (lower case): relayed for authenticated or trusted clients, never else. */
    boolean isLabDomain(String domain);

    /** The client's address is in the trusted networks (Postfix's mynetworks). */
    boolean trusts(InetAddress client);

    /** The queue takes one more message (its bound is a setting); else RCPT gets a temporary 452. */
    boolean hasRoom();

    /**
     * Queues the message for the recipients of other lab domains and returns only once it is durable (file and
     * directory fsynced), so that the 250 that follows is a promise kept across a crash.
     *
     * @param queueId   the transaction's id, also the queue entry's (one id in every log line of the message)
     * @param message   the trace header this host adds, then the message as received (CRLF, not dot-stuffed)
     */
    void enqueue(String queueId, String sender, List<String> recipients, byte[] message) throws IOException;
}
