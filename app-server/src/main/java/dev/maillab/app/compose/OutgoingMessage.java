package dev.maillab.app.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is fixed when it is composed, in the sender's domain (Jakarta Mail would otherwise
 * invent one from the local host name on every saveChanges), and which remembers which server accepted it.
 */
public class OutgoingMessage extends MimeMessage {

    private final String messageId;
    private volatile String relay;

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

    public void recordRelay(String relay) {
        this.relay = relay;
    }
}
