package dev.maillab.app.send;

/**
 * The message was not accepted. {@link #reply()} is the mail server's own words when it said anything
 * (e.g. "550 5.1.1 <x@example.local>: Recipient address rejected"), otherwise why no server could be asked.
 */
public abstract class DeliveryException extends RuntimeException {

    private final String relay;
    private final String reply;

    protected DeliveryException(String message, String relay, String reply, Throwable cause) {
        super(message, cause);
        this.relay = relay;
        this.reply = reply;
    }

    /** The server last tried, or null when none was. */
    public String relay() {
        return relay;
    }

    public String reply() {
        return reply;
    }
}
