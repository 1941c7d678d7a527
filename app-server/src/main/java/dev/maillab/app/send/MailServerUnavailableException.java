package dev.maillab.app.send;

/**
 * No mail server took the message: none could be found or reached, or the last one kept answering 4xx
 * until the retries ran out.
 */
public class MailServerUnavailableException extends DeliveryException {

    public MailServerUnavailableException(String message, String relay, String reply, Throwable cause) {
        super(message, relay, reply, cause);
    }
}
