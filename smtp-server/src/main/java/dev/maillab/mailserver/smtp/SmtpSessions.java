package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.dns.ReverseResolver;
import dev.maillab.mailserver.net.ConnectionLimits;
import dev.maillab.mailserver.net.ConnectionLimits.Admission;
import dev.maillab.mailserver.net.ConnectionLimits.Refusal;
import dev.maillab.mailserver.smtp.connection.ClientConnection;
import dev.maillab.mailserver.smtp.connection.TlsConnectionSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSession;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;
import org.subethamail.smtp.server.SessionHandler.SessionAcceptance;

/**
 * Sees every connection start and end, on every listener ({@link #of(SmtpService)}): admits it within the connection
 * limits (in total, and per client address, so that one source cannot take every slot; one count for all listeners),
 * looks the client's name up once (before the greeting, as Postfix does), logs {@code connect from} /
 * {@code disconnect from}, does the TLS handshake of an implicit-TLS listener (SMTPS) and keeps the per-session
 * state. The {@link SmtpObserver} hears of each session from its start to its end.
 */
public final class SmtpSessions {

    private final ReverseResolver resolver;
    private final Map<SmtpService, MailLog> logs = new EnumMap<>(SmtpService.class);
    private final SmtpMetrics metrics;
    private final ConnectionLimits limits;
    private final String hostname;
    private final SmtpObserver observer;
    private final Map<MessageContext, SessionState> sessions = new ConcurrentHashMap<>();
    private FaultReplies faults;

    public SmtpSessions(
            ReverseResolver resolver,
            SmtpMetrics metrics,
            ConnectionLimits limits,
            String hostname,
            SmtpObserver observer) {
        this.resolver = resolver;
        for (SmtpService service : SmtpService.values()) {
            logs.put(service, new MailLog(service));
        }
        this.metrics = metrics;
        this.limits = limits;
        this.hostname = hostname;
        this.observer = observer;
        metrics.sessions(this);
    }

    /** The fault rules' connect stage (set once, before any listener starts). */
    void faults(FaultReplies faults) {
        this.faults = faults;
    }

    /** What the SubEtha server of one listener is given: these sessions, each marked with its listener. */
    public SessionHandler of(SmtpService service) {
        return new SessionHandler() {
            @Override
            public SessionAcceptance accept(Session session) {
                return SmtpSessions.this.accept(session, service);
            }

            @Override
            public void onSessionEnd(Session session) {
                SmtpSessions.this.onSessionEnd(session);
            }
        };
    }

    /** The smtpd lines of that listener's sessions. */
    public MailLog log(SmtpService service) {
        return logs.get(service);
    }

    private SessionAcceptance accept(Session session, SmtpService service) {
        MailLog log = logs.get(service);
        InetAddress address = session.getRealRemoteAddress().getAddress();
        // SubEtha calls onSessionEnd only for accepted sessions: a refused one holds nothing
        Admission admission = limits.admit(address);
        if (admission.refusal().isPresent()) {
            Refusal refusal = admission.refusal().get();
            metrics.rejected(SmtpMetrics.Reason.TOO_MANY_CONNECTIONS);
            log.tooManyConnections(
                    address,
                    refusal == Refusal.TOTAL ? limits.total() : limits.perAddress(),
                    refusal == Refusal.TOTAL ? "in total" : "from one address");
            return refusal == Refusal.TOTAL
                    ? SessionAcceptance.failure(421, "4.3.2 " + hostname + " Error: too many connections")
                    : SessionAcceptance.failure(
                            421, "4.7.0 " + hostname + " Error: too many connections from " + address.getHostAddress());
        }
        ConnectionLimits.Lease lease = admission.lease().orElseThrow();
        ClientInfo client;
        try {
            client = new ClientInfo(resolver.nameOf(address), address);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        log.connect(client);
        if (faults != null) {
            var fault = faults.atConnect(service, client, log);
            if (fault.isPresent()) {
                // a refused session holds nothing: SubEtha writes the 421 and closes, without onSessionEnd
                lease.close();
                log.disconnect(client);
                return SessionAcceptance.failure(fault.get().code(), fault.get().text());
            }
        }
        sessions.put(session, new SessionState(client, lease, observe(session, client), service, log));
        metrics.connected();
        if (service.implicitTls()) {
            handshake(session, client, log);
        }
        return SessionAcceptance.success();
    }

    /**
     * SMTPS: the TLS handshake before the greeting, within the command timeout from connect (the deadline
     * {@link dev.maillab.mailserver.smtp.connection.ConnectionServerSocket} armed). A failed one ends the session
     * at once: the greeting is never written, and it ends as any other (disconnect line, record, slot given back).
     */
    private void handshake(Session session, ClientInfo client, MailLog log) {
        if (!(session.getSocket() instanceof TlsConnectionSocket tls)) {
            session.quit(); // its TLS socket could not be made at accept (the client had gone)
            return;
        }
        try {
            tls.handshake();
            session.setTlsStarted(true);
        } catch (IOException e) {
            boolean timeout = e instanceof SocketTimeoutException;
            metrics.rejected(timeout ? SmtpMetrics.Reason.TIMEOUT : SmtpMetrics.Reason.TLS_FAILED);
            log.tlsFailed(client, String.valueOf(e.getMessage()));
            if (timeout) {
                log.timeout("CONNECT", client);
            } else {
                log.lostConnection("CONNECT", client);
            }
            session.quit(); // closed: the greeting goes nowhere, and the command loop does not start
        }
    }

    private void onSessionEnd(Session session) {
        SessionState state = sessions.remove(session);
        if (state != null) {
            state.lease().close();
            state.log().disconnect(state.client());
            SmtpObserver.SessionObserver o = state.observer();
            if (o != null) {
                ClientConnection connection = ClientConnection.of(session);
                if (connection != null) {
                    connection.conversationEnds();
                }
                try {
                    o.ended(
                            session.getHelo().orElse(null),
                            tls(session),
                            session.getAuthenticationHandler()
                                    .map(h -> String.valueOf(h.getIdentity()))
                                    .orElse(null));
                } catch (RuntimeException e) {
                    // the record of a session never ends it differently
                }
            }
        }
    }

    /** Asks the observer to follow the session and, if it does, lets it hear the conversation. */
    private SmtpObserver.SessionObserver observe(Session session, ClientInfo client) {
        SmtpObserver.SessionObserver o;
        try {
            o = observer.sessionStarted(
                    session.getSessionId(),
                    session.getRealRemoteAddress(),
                    ReverseResolver.UNKNOWN.equals(client.name()) ? null : client.name());
        } catch (RuntimeException e) {
            return null;
        }
        ClientConnection connection = ClientConnection.of(session);
        if (o != null && connection != null) {
            connection.listen(o);
        }
        return o;
    }

    private static String tls(Session session) {
        if (!session.isTLSStarted() || !(session.getSocket() instanceof TlsConnectionSocket socket)) {
            return null;
        }
        SSLSession tls = socket.tls().getSession();
        return tls.getProtocol() + "/" + tls.getCipherSuite();
    }

    /** The state of a live session; a placeholder if SubEtha asks for one it never announced. */
    public SessionState stateOf(MessageContext session) {
        SessionState state = sessions.get(session);
        if (state == null) {
            InetSocketAddress remote = (InetSocketAddress) session.getRemoteAddress();
            return new SessionState(new ClientInfo(ReverseResolver.UNKNOWN, remote.getAddress()), null);
        }
        return state;
    }

    /** Sessions open now (each holds a connection slot and one state entry). */
    public int open() {
        return sessions.size();
    }

    public ConnectionLimits limits() {
        return limits;
    }
}
