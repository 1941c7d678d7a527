package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.net.ConnectionLimits;

/** What this server remembers about one SMTP connection beyond what SubEtha's Session holds. */
public final class SessionState {

    private final ClientInfo client;
    private final ConnectionLimits.Lease lease;
    private final SmtpObserver.SessionObserver observer;
    private final SmtpService service;
    private final MailLog log;
    private volatile boolean extended;
    private int authFailures;

    SessionState(ClientInfo client, ConnectionLimits.Lease lease) {
        this(client, lease, null, SmtpService.SMTP, new MailLog());
    }

    SessionState(
            ClientInfo client,
            ConnectionLimits.Lease lease,
            SmtpObserver.SessionObserver observer,
            SmtpService service,
            MailLog log) {
        this.client = client;
        this.lease = lease;
        this.observer = observer;
        this.service = service;
        this.log = log;
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

    /** The listener the session came in on: what it requires before MAIL. */
    public SmtpService service() {
        return service;
    }

    /** Where the session's smtpd lines go (its listener's name). */
    public MailLog log() {
        return log;
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
