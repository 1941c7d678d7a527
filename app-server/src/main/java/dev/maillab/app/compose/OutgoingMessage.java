package dev.maillab.app.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is fixed when it is composed, in the sender's domain (Jakarta Mail would otherwise
 * invent one from the local host name on every saveChanges), and which remembers which server accepted it and
 * what it said.
 */
public class OutgoingMessage extends MimeMessage {

    private final String messageId;
    private volatile String relay;
    private volatile String reply;
    private volatile long size = -1;

    public OutgoingMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }

    public String messageId() {
        return messageId;
    }

    /** The server that answered 250 to DATA, as "name [address]:port"; null until then. */
    public String relay() {
        return relay;
    }

    /** The server's reply to the end of DATA, e.g. "250 2.0.0 Ok: queued as 6614EAAC93B90"; null until then. */
    public String reply() {
        return reply;
    }

    public void recordDelivery(String relay, String reply) {
        this.relay = relay;
        this.reply = reply;
    }

    /** Octets after MIME encoding, as counted when it was composed; -1 before. */
    public long size() {
        return size;
    }

    void recordSize(long size) {
        this.size = size;
    }
}
