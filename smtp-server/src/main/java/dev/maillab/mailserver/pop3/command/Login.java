package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.maildir.MaildropStore;
import dev.maillab.mailserver.pop3.Pop3Log;
import dev.maillab.mailserver.pop3.Pop3Metrics;
import dev.maillab.mailserver.pop3.SessionSummary;
import dev.maillab.mailserver.pop3.james.HeldReply;
import dev.maillab.mailserver.pop3.james.MaildropMailbox;
import dev.maillab.mailserver.pop3.policy.AuthFailurePenalty;
import dev.maillab.mailserver.pop3.policy.MaildropLocks;
import dev.maillab.mailserver.pop3.policy.PasswordCheckThreads;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login, whichever command asks for it (PASS, APOP, AUTH PLAIN): the credentials are checked on
 * {@link PasswordCheckThreads}, not the event loop, then the user's Maildir snapshot is opened.
 * Failures answer {@code -ERR [AUTH]} (RFC 3206) after a delay that grows per client address; with
 * lock-session a maildrop already in use answers {@code -ERR [IN-USE]}.
 */
public final class Login {

    private static final Logger log = LoggerFactory.getLogger(Login.class);
    static final Response AUTH_REFUSED =
            new POP3Response(POP3Response.ERR_RESPONSE, "[AUTH] Authentication failed.").immutable();
    static final Response ALREADY_LOGGED_IN =
            new POP3Response(POP3Response.ERR_RESPONSE, "Already logged in").immutable();
    private static final Response LOGGED_IN = new POP3Response(POP3Response.OK_RESPONSE, "Logged in.").immutable();
    private static final Response IN_USE = new POP3Response(
                    POP3Response.ERR_RESPONSE, "[IN-USE] Mailbox is locked by another POP3 session")
            .immutable();
    private static final Response UNAVAILABLE = new POP3Response(
                    POP3Response.ERR_RESPONSE, "[SYS/TEMP] Mailbox is not available, try again later")
            .immutable();

    private final MaildropStore store;
    private final AuthFailurePenalty penalty;
    private final HeldReply heldReply;
    private final MaildropLocks locks;
    private final Pop3Metrics metrics;
    private final Executor passwordChecks;
    private final Pop3Log pop3Log;

    public Login(
            MaildropStore store,
            AuthFailurePenalty penalty,
            HeldReply heldReply,
            MaildropLocks locks,
            Pop3Metrics metrics,
            Executor passwordChecks,
            Pop3Log pop3Log) {
        this.store = store;
        this.penalty = penalty;
        this.heldReply = heldReply;
        this.locks = locks;
        this.metrics = metrics;
        this.passwordChecks = passwordChecks;
        this.pop3Log = pop3Log;
    }

    /**
     * Runs {@code check} off the event loop and answers when it is done; the command handler then
     * returns null. The session reads no further command meanwhile.
     */
    void attempt(POP3Session session, String method, String name, Supplier<Optional<MailUser>> check) {
        InetAddress client = session.getRemoteAddress().getAddress();
        CompletableFuture<Optional<MailUser>> work = CompletableFuture.supplyAsync(check, passwordChecks);
        heldReply.replyWhenDone(session, work, (user, error) -> {
            if (error != null) {
                log.error("pop3 cannot check the password of {}", Pop3Log.bounded(name), error);
                session.setHandlerState(POP3Session.AUTHENTICATION_READY);
                return now(UNAVAILABLE);
            }
            return user.isPresent() ? open(session, method, user.get(), client) : refused(session, method, name);
        });
    }

    /**
     * A refusal decided without a check (an authorization identity that is not the user): answered after
     * the same delay as a wrong password; the command handler then returns null.
     */
    void refuse(POP3Session session, String method, String name) {
        HeldReply.Answer a = refused(session, method, name);
        heldReply.replyLater(session, a.response(), a.delay());
    }

    private HeldReply.Answer refused(POP3Session session, String method, String name) {
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        metrics.failedLogins.increment();
        InetAddress client = session.getRemoteAddress().getAddress();
        Duration delay = penalty.failed(client);
        SessionSummary summary = SessionSummary.of(session);
        summary.authFailures++;
        summary.triedUser = name;
        pop3Log.loginFailed(name, method, client.getHostAddress(), "auth failed", delay);
        return new HeldReply.Answer(AUTH_REFUSED, delay);
    }

    private HeldReply.Answer open(POP3Session session, String method, MailUser user, InetAddress client) {
        penalty.succeeded(client);
        if (locks != null && !locks.tryLock(user.maildir())) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            pop3Log.loginFailed(user.name(), method, client.getHostAddress(), "maildrop in use", Duration.ZERO);
            return now(IN_USE);
        }
        Runnable unlock = locks == null ? () -> {} : () -> locks.unlock(user.maildir());
        MaildropMailbox mailbox;
        try {
            mailbox = new MaildropMailbox(user.name(), store.open(user), unlock);
            session.setUsername(Username.of(user.name()));
        } catch (Exception e) {
            unlock.run();
            log.error("pop3 cannot open the maildrop of {}", user.name(), e);
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return now(UNAVAILABLE);
        }
        List<MessageMetaData> messages = mailbox.getMessages();
        session.setUserMailbox(mailbox);
        session.setAttachment(POP3Session.UID_LIST, messages, State.Transaction);
        session.setAttachment(POP3Session.DELETED_UID_LIST, new ArrayList<>(), State.Transaction);
        session.setHandlerState(POP3Session.TRANSACTION);

        SessionSummary summary = SessionSummary.of(session);
        summary.user = user.name();
        summary.method = method;
        summary.tls = session.isTLSStarted();
        summary.messages = messages.size();
        summary.size = messages.stream().mapToLong(MessageMetaData::getSize).sum();
        pop3Log.loggedIn(summary);
        return now(LOGGED_IN);
    }

    private static HeldReply.Answer now(Response response) {
        return new HeldReply.Answer(response, Duration.ZERO);
    }
}
