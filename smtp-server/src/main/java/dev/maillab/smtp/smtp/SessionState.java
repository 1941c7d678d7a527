package dev.maillab.smtp.smtp;

/** What this server remembers about one SMTP connection beyond what SubEtha's Session holds. */
public final class SessionState {

    private final ClientInfo client;
    private volatile boolean extended;

    SessionState(ClientInfo client) {
        this.client = client;
    }

    public ClientInfo client() {
        return client;
    }

    /** True after EHLO, false after HELO: decides "SMTP" or "ESMTP" in the Received header. */
    public boolean extended() {
        return extended;
    }

    public void greeted(boolean extended) {
        this.extended = extended;
    }
}
