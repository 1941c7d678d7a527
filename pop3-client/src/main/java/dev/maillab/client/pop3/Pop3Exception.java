package dev.maillab.client.pop3;

/** The POP3 conversation could not be completed; {@link #kind()} says why, the message is one line for stderr. */
public class Pop3Exception extends Exception {

    public enum Kind {
        CONNECTION,
        TLS,
        AUTHENTICATION,
        PROTOCOL
    }

    private final Kind kind;

    public Pop3Exception(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Pop3Exception(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
