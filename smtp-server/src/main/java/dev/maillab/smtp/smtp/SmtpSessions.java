package dev.maillab.smtp.smtp;

import dev.maillab.smtp.dns.ReverseResolver;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Sees every connection start and end: looks the client's name up once (before the greeting, as
 * Postfix does), logs {@code connect from} / {@code disconnect from}, and keeps the per-session state.
 */
public final class SmtpSessions implements SessionHandler {

    private final ReverseResolver resolver;
    private final MailLog log;
    private final SmtpMetrics metrics;
    private final Map<MessageContext, SessionState> sessions = new ConcurrentHashMap<>();

    public SmtpSessions(ReverseResolver resolver, MailLog log, SmtpMetrics metrics) {
        this.resolver = resolver;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress address = session.getRealRemoteAddress().getAddress();
        ClientInfo client = new ClientInfo(resolver.nameOf(address), address);
        sessions.put(session, new SessionState(client));
        metrics.connected();
        log.connect(client);
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        SessionState state = sessions.remove(session);
        if (state != null) {
            log.disconnect(state.client());
        }
    }

    /** The state of a live session; a placeholder if SubEtha asks for one it never announced. */
    public SessionState stateOf(MessageContext session) {
        SessionState state = sessions.get(session);
        if (state == null) {
            java.net.InetSocketAddress remote = (java.net.InetSocketAddress) session.getRemoteAddress();
            return new SessionState(new ClientInfo(ReverseResolver.UNKNOWN, remote.getAddress()));
        }
        return state;
    }

    public int open() {
        return sessions.size();
    }
}
