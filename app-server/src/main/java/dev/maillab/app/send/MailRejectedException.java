package dev.maillab.app.send;

/** The mail server refused the message for good (a 5xx reply); retrying would not help. */
public class MailRejectedException extends DeliveryException {

    public MailRejectedException(String relay, String reply, Throwable cause) {
        this("rejected by " + relay + ": " + reply, relay, reply, cause);
    }

    private MailRejectedException(String message, String relay, String reply, Throwable cause) {
        super(message, relay, reply, cause);
    }

    /** The submission server refused the login (535): the settings' user or password is wrong. */
    public static MailRejectedException authentication(String user, String relay, String reply, Throwable cause) {
        return new MailRejectedException(
                "authentication as " + user + " refused by " + relay + ": " + reply, relay, reply, cause);
    }
}
