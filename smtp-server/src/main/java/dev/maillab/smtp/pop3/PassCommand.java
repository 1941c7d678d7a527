package dev.maillab.smtp.pop3;

import dev.maillab.smtp.auth.MailUser;
import dev.maillab.smtp.auth.UserDirectory;
import dev.maillab.smtp.maildir.MaildropStore;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPassCmdHandler;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASS: checks the password against the passwd-file (on {@link PasswordCheckThreads}, not the event
 * loop) and opens a snapshot of the user's Maildir.
 * Failures answer {@code -ERR [AUTH]} (RFC 3206) after a delay that grows per client address; with
 * lock-session a maildrop already in use answers {@code -ERR [IN-USE]}.
 */
final class PassCommand extends AbstractPassCmdHandler {

    private static final Logger log = LoggerFactory.getLogger(PassCommand.class);
    private static final Response AUTH_REFUSED =
            new POP3Response(POP3Response.ERR_RESPONSE, "[AUTH] Authentication failed.").immutable();
    private static final Response IN_USE = new POP3Response(POP3Response.ERR_RESPONSE,
            "[IN-USE] Mailbox is locked by another POP3 session").immutable();
    private static final Response UNAVAILABLE = new POP3Response(POP3Response.ERR_RESPONSE,
            "[SYS/TEMP] Mailbox is not available, try again later").immutable();
    private static final Response NO_USER =
            new POP3Response(POP3Response.ERR_RESPONSE, "No username given (USER first)").immutable();
    private static final State TRANSACTION = State.Transaction;
    private static final org.apache.james.protocols.api.ProtocolSession.AttachmentKey<Mailbox> OPENED =
            org.apache.james.protocols.api.ProtocolSession.AttachmentKey.of("maillab.opened", Mailbox.class);

    private final UserDirectory users;
    private final MaildropStore store;
    private final AuthFailurePenalty penalty;
    private final HeldReply heldReply;
    private final MaildropLocks locks;
    private final Pop3Metrics metrics;
    private final Executor passwordChecks;

    PassCommand(MetricFactory metricFactory, UserDirectory users, MaildropStore store, AuthFailurePenalty penalty,
            HeldReply heldReply, MaildropLocks locks, Pop3Metrics metrics, Executor passwordChecks) {
        super(metricFactory);
        this.passwordChecks = passwordChecks;
        this.users = users;
        this.store = store;
        this.penalty = penalty;
        this.heldReply = heldReply;
        this.locks = locks;
        this.metrics = metrics;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_USERSET || request.getArgument() == null) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return NO_USER;
        }
        String name = session.getUsername().asString();
        String password = request.getArgument();
        InetAddress client = session.getRemoteAddress().getAddress();
        // the hash is checked off the event loop; the rest (state, maildrop, reply) happens back on it
        CompletableFuture<Optional<MailUser>> check =
                CompletableFuture.supplyAsync(() -> users.authenticate(name, password), passwordChecks);
        heldReply.replyWhenDone(session, check, (user, error) -> {
            if (error != null) {
                log.error("pop3 cannot check the password of {}", name, error);
                session.setHandlerState(POP3Session.AUTHENTICATION_READY);
                return now(UNAVAILABLE);
            }
            return user.isPresent() ? loggedIn(session, user.get(), password, client)
                    : refused(session, name, client);
        });
        return null;
    }

    private HeldReply.Answer refused(POP3Session session, String name, InetAddress client) {
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        metrics.failedLogins.increment();
        Duration delay = penalty.failed(client);
        log.info("pop3 login failed: user={}, rip={}, reply delayed {} ms", name, client.getHostAddress(),
                delay.toMillis());
        return new HeldReply.Answer(AUTH_REFUSED, delay);
    }

    private HeldReply.Answer loggedIn(POP3Session session, MailUser mailUser, String password, InetAddress client) {
        penalty.succeeded(client);
        if (locks != null && !locks.tryLock(mailUser.maildir())) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return now(IN_USE);
        }
        Runnable unlock = locks == null ? () -> { } : () -> locks.unlock(mailUser.maildir());
        MaildropMailbox mailbox;
        try {
            mailbox = new MaildropMailbox(mailUser.name(), store.open(mailUser), unlock);
        } catch (Exception e) {
            unlock.run();
            log.error("pop3 cannot open the maildrop of {}", mailUser.name(), e);
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return now(UNAVAILABLE);
        }
        session.setAttachment(OPENED, mailbox, TRANSACTION);
        Response response = doAuth(session, Username.of(mailUser.name()), password);
        if (session.getHandlerState() != POP3Session.TRANSACTION) {
            mailbox.close();
        } else {
            log.info("pop3 login: user={}, rip={}, messages={}", mailUser.name(), client.getHostAddress(),
                    mailbox.getMessages().size());
        }
        return now(response);
    }

    private static HeldReply.Answer now(Response response) {
        return new HeldReply.Answer(response, Duration.ZERO);
    }

    @Override
    protected Mailbox auth(POP3Session session, Username username, String password) {
        return session.getAttachment(OPENED, TRANSACTION).orElse(null);
    }
}
