package dev.maillab.mailserver.pop3;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;

/**
 * What a session did, for its last log line (Dovecot's {@code top=n/octets, retr=n/octets}) and why it
 * ended, and who keeps a record of it ({@link Pop3Observer}). Touched on the connection's event loop only.
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
    /** Protocol and cipher suite once STLS is done, for the session's record. */
    public String tlsDescription;

    private boolean quit;
    private String closeReason;
    private Pop3Observer.SessionObserver observer;

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

    void observe(Pop3Observer.SessionObserver observer) {
        this.observer = observer;
    }

    /** Whether a record is kept of this session (else nothing need be told). */
    public boolean observed() {
        return observer != null;
    }

    /** See {@link Pop3Observer.SessionObserver#command}. */
    public void command(String line, String message) {
        Pop3Observer.SessionObserver o = observer;
        if (o != null) {
            try {
                o.command(line, message);
            } catch (RuntimeException e) {
                observer = null; // a record that fails is given up, the session goes on
            }
        }
    }

    /** See {@link Pop3Observer.SessionObserver#reply}. */
    public void reply(String line) {
        Pop3Observer.SessionObserver o = observer;
        if (o != null) {
            try {
                o.reply(line);
            } catch (RuntimeException e) {
                observer = null;
            }
        }
    }

    void ended(String summary) {
        Pop3Observer.SessionObserver o = observer;
        observer = null;
        if (o != null) {
            try {
                o.ended(user, tls ? tlsDescription : null, summary);
            } catch (RuntimeException e) {
                // nothing more to tell
            }
        }
    }

    /**
     * What the last log line says of the session: {@code Logged out top=0/0, retr=1/592, del=0/1, size=592} once
     * logged in, else {@code Disconnected (no auth attempts)}.
     */
    String logout(int deleted) {
        if (user == null) {
            return "Disconnected (" + endReason() + ")";
        }
        return endReason() + " top=" + top + "/" + topBytes + ", retr=" + retr + "/" + retrBytes + ", del=" + deleted
                + "/" + messages + ", size=" + size;
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
