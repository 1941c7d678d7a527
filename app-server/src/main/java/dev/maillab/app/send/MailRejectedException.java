package dev.maillab.app.send;

/** The mail server refused the message for good (a 5xx reply); retrying would not help. */
public class MailRejectedException extends DeliveryException {

    public MailRejectedException(String relay, String reply, Throwable cause) {
        super("rejected by " + relay + ": " + reply, relay, reply, cause);
    }
}
