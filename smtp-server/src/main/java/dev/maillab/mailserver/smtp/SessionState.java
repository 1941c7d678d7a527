package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.net.ConnectionLimits;

/** What this server remembers about one SMTP connection beyond what SubEtha's Session holds. */
public final class SessionState {

    private final ClientInfo client;
    private final ConnectionLimits.Lease lease;
    private final SmtpObserver.SessionObserver observer;
    private volatile boolean extended;
    private int authFailures;

    SessionState(ClientInfo client, ConnectionLimits.Lease lease) {
        this(client, lease, null);
    }

    SessionState(ClientInfo client, ConnectionLimits.Lease lease, SmtpObserver.SessionObserver observer) {
        this.client = client;
        this.lease = lease;
        this.observer = observer;
    }

    public ClientInfo client() {
        return client;
    }

    /** The connection slot; given back when the session ends. */
    ConnectionLimits.Lease lease() {
        return lease;
    }

    /** What keeps the session's record, or null when none is kept. */
    SmtpObserver.SessionObserver observer() {
        return observer;
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
