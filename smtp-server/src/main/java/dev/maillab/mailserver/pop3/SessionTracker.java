package dev.maillab.mailserver.pop3;

import java.io.IOException;
import java.util.List;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.Mailbox;

/**
 * Counts sessions, writes each session's last log line, tells the {@link Pop3Observer} of each session's start and
 * end, and closes the maildrop of a connection that ends without QUIT: that releases a lock-session lock and, as
 * RFC 1939 requires, applies no deletions.
 */
public final class SessionTracker implements ConnectHandler<POP3Session>, DisconnectHandler<POP3Session> {

    private final Pop3Metrics metrics;
    private final Pop3Log pop3Log;
    private final Pop3Observer observer;

    SessionTracker(Pop3Metrics metrics, Pop3Log pop3Log, Pop3Observer observer) {
        this.metrics = metrics;
        this.pop3Log = pop3Log;
        this.observer = observer;
    }

    @Override
    public Response onConnect(POP3Session session) {
        metrics.sessions.increment();
        SessionSummary summary = SessionSummary.start(
                session, session.getRemoteAddress().getAddress().getHostAddress());
        try {
            summary.observe(observer.sessionStarted(session.getSessionID(), session.getRemoteAddress()));
        } catch (RuntimeException e) {
            // no record of this session
        }
        return null;
    }

    @Override
    public void onDisconnect(POP3Session session) {
        if (session == null) {
            return;
        }
        Mailbox mailbox = session.getUserMailbox();
        if (mailbox != null) {
            try {
                mailbox.close();
            } catch (IOException e) {
                // nothing to keep: the snapshot is gone with the session
            }
        }
        int deleted = session.getAttachment(POP3Session.DELETED_UID_LIST, State.Transaction)
                .map(List::size)
                .orElse(0);
        SessionSummary summary = SessionSummary.of(session);
        String logout = summary.logout(deleted);
        pop3Log.ended(summary, logout);
        summary.ended(logout);
    }
}
