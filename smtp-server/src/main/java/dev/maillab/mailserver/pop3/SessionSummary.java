package dev.maillab.mailserver.pop3;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;

/**
 * What a session did, for its last log line (Dovecot's {@code top=n/octets, retr=n/octets}) and why it
 * ended. Touched on the connection's event loop only.
 */
public final class SessionSummary {

    private static final ProtocolSession.AttachmentKey<SessionSummary> KEY =
            ProtocolSession.AttachmentKey.of("maillab.summary", SessionSummary.class);

    final String id;
    final String rip;
    public boolean tls;
    /** Set at login: the user and how it logged in (USER, APOP, PLAIN). */
    public String user;

    public String method;
    /** The maildrop at login: messages and octets. */
    public int messages;

    public long size;
    /** The last name a failed login tried. */
    public String triedUser;

    public int authFailures;
    public int top;
    public long topBytes;
    public int retr;
    public long retrBytes;
    private boolean quit;
    private String closeReason;

    private SessionSummary(String id, String rip) {
        this.id = id;
        this.rip = rip;
    }

    static SessionSummary start(ProtocolSession session, String rip) {
        SessionSummary s = new SessionSummary(session.getSessionID(), rip);
        session.setAttachment(KEY, s, State.Connection);
        return s;
    }

    /** The session's summary; a detached one if it has none (a session the connection limits refused). */
    public static SessionSummary of(ProtocolSession session) {
        return session.getAttachment(KEY, State.Connection).orElseGet(() -> new SessionSummary("-", "-"));
    }

    public void quit() {
        quit = true;
    }

    /** Why the server ends the session; the first reason given counts. */
    public void closing(String reason) {
        if (closeReason == null) {
            closeReason = Pop3Log.bounded(reason);
        }
    }

    String endReason() {
        if (user == null) {
            if (closeReason != null) {
                return closeReason;
            }
            return authFailures == 0 ? "no auth attempts" : "auth failed, " + authFailures + " attempts";
        }
        return quit ? "Logged out" : "Disconnected: " + (closeReason == null ? "Connection closed" : closeReason);
    }
}
