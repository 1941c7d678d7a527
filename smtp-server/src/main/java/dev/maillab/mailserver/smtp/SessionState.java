package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.net.ConnectionLimits;

/** What this server remembers about one SMTP connection beyond what SubEtha's Session holds. */
public final class SessionState {

    private final ClientInfo client;
    private final ConnectionLimits.Lease lease;
    private volatile boolean extended;
    private int authFailures;

    SessionState(ClientInfo client, ConnectionLimits.Lease lease) {
        this.client = client;
        this.lease = lease;
    }

    public ClientInfo client() {
        return client;
    }

    /** The connection slot; given back when the session ends. */
    ConnectionLimits.Lease lease() {
        return lease;
    }

    /** True after EHLO, false after HELO: decides "SMTP" or "ESMTP" in the Received header. */
    public boolean extended() {
        return extended;
    }

    public void greeted(boolean extended) {
        this.extended = extended;
    }

    /** Counts a failed AUTH (only the session's own thread calls this) and returns the count so far. */
    public int authFailed() {
        return ++authFailures;
    }
}
