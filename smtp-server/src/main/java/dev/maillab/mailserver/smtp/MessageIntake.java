package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.smtp.RecipientPolicy.Accept;
import dev.maillab.mailserver.smtp.RecipientPolicy.Decision;
import dev.maillab.mailserver.smtp.RecipientPolicy.Reject;
import dev.maillab.mailserver.smtp.RecipientPolicy.Relay;
import dev.maillab.mailserver.smtp.SmtpMetrics.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One mail transaction (MAIL, RCPT..., DATA). Recipients are checked as they come; at the end of DATA
 * one copy per distinct user is stored through {@link MailStore}, the recipients of other lab domains are
 * queued once through {@link Outbound}, and 250 is answered only after every copy is durable. If any copy
 * fails the client gets 451 and nothing is acknowledged. {@link SenderAuthentication} signs what is relayed or was
 * submitted, and checks what is delivered here (its verdict heads each copy; an enforced DMARC reject is 550).
 */
public final class MessageIntake implements MessageHandler {

    private final MessageContext context;
    private final SessionState state;
    private final Services services;
    private final long started = System.nanoTime();
    private String sender;
    private String queueId;
    private int attempts;
    /** user name -> the user and the recipient address that first reached it (aliases can repeat users) */
    private final Map<String, Target> targets = new LinkedHashMap<>();

    private final List<String> recipients = new ArrayList<>();
    /** accepted recipients of other lab domains, in order, each once */
    private final List<String> relayed = new ArrayList<>();

    private record Target(MailUser user, String deliveredTo, String recipient) {}

    /**
     * What every transaction needs from the application.
     *
     * @param log         cleanup's, qmgr's and local's lines (smtpd's go under the session's listener, {@link
     *                    SessionState#log()})
     * @param storageRoom whether the store can take a message of this many bytes (0: size not known yet) and
     *                    keep its reserve (maildir's {@code MailRootSpace}); no room is a temporary 452 4.3.1
     */
    public record Services(
            SmtpProperties properties,
            RecipientPolicy policy,
            MailStore store,
            MailLog log,
            SmtpMetrics metrics,
            QueueIds queueIds,
            DataMemory dataMemory,
            LongPredicate storageRoom,
            Outbound outbound,
            SenderAuthentication senderAuthentication) {}

    MessageIntake(MessageContext context, SessionState state, Services services) {
        this.context = context;
        this.state = state;
        this.services = services;
    }

    @Override
    public void from(String from) throws RejectException {
        if (state.service().authRequired() && context.getAuthenticationHandler().isEmpty()) {
            // submission and SMTPS take mail only from a user who said who they are (RFC 4954 section 6)
            services.metrics().rejected(Reason.AUTH_REQUIRED);
            String reply = "530 5.7.0 Authentication required";
            state.log().reject(null, "MAIL", state.client(), reply, from, null, protocol(), helo());
            throw new RejectException(530, reply.substring(4));
        }
        long declared = context instanceof Session s ? s.getDeclaredMessageSize() : 0;
        if (!services.storageRoom().test(declared)) {
            services.metrics().rejected(Reason.STORAGE_FULL);
            String reply = "452 4.3.1 Insufficient system storage";
            state.log().reject(null, "MAIL", state.client(), reply, from, null, protocol(), helo());
            throw new RejectException(452, reply.substring(4));
        }
        this.sender = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        attempts++;
        Decision decision = services.policy().decide(recipient, client());
        if (decision instanceof Reject reject) {
            services.metrics().rejected(reject.reason());
            state.log().reject(queueId, "RCPT", state.client(), reject.reply(), sender, recipient, protocol(), helo());
            throw new RejectException(reject.code(), reject.text());
        }
        if (queueId == null) {
            queueId = services.queueIds().next();
            state.log().client(queueId, state.client(), saslUser());
            SmtpObserver.SessionObserver observer = state.observer();
            if (observer != null) {
                try {
                    observer.queueId(queueId);
                } catch (RuntimeException e) {
                    // the record lacks this queue id, the transaction goes on
                }
            }
        }
        recipients.add(recipient);
        if (decision instanceof Relay relay) {
            if (relayed.stream().noneMatch(relay.address()::equalsIgnoreCase)) {
                relayed.add(relay.address());
            }
            return;
        }
        Accept accept = (Accept) decision;
        for (int i = 0; i < accept.users().size(); i++) {
            MailUser user = accept.users().get(i);
            targets.putIfAbsent(
                    user.name(), new Target(user, accept.finalAddresses().get(i), recipient));
        }
    }

    /** The MAIL FROM address, null before MAIL was accepted. */
    public String sender() {
        return sender;
    }

    /** The recipients accepted so far, in order. */
    public List<String> recipients() {
        return List.copyOf(recipients);
    }

    /** The transaction's queue id, null before its first accepted recipient. */
    public String queueId() {
        return queueId;
    }

    /** A fault rule answered a RCPT instead of the policy: a recipient tried, none added. */
    public void refusedOnPurpose() {
        attempts++;
    }

    /** RCPT commands tried in this transaction, accepted or not (DATA tells "none sent" from "none valid"). */
    public int attempts() {
        return attempts;
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        MessageBytes.Read read =
                MessageBytes.readCapped(data, services.properties().maxMessageSize(), services.dataMemory());
        try {
            return store(read);
        } finally {
            services.dataMemory().release(read.reserved());
        }
    }

    private String store(MessageBytes.Read read) throws RejectException {
        if (read.tooBig()) {
            services.metrics().rejected(Reason.MESSAGE_TOO_BIG);
            String reply = "552 5.3.4 Message size exceeds fixed limit";
            state.log().reject(queueId, "END-OF-MESSAGE", state.client(), reply, sender, null, protocol(), helo());
            throw new RejectException(552, reply.substring(4));
        }
        if (read.noMemory()) {
            // temporary: the client tries again later, when the other sessions' messages are on disk
            services.metrics().rejected(Reason.DATA_MEMORY_FULL);
            String reply = "452 4.3.1 Insufficient system storage, try again later";
            state.log().reject(queueId, "END-OF-MESSAGE", state.client(), reply, sender, null, protocol(), helo());
            throw new RejectException(452, reply.substring(4));
        }
        byte[] message = MessageBytes.crlf(read.bytes());
        if (!services.storageRoom().test(message.length)) {
            services.metrics().rejected(Reason.STORAGE_FULL);
            String reply = "452 4.3.1 Insufficient system storage";
            state.log().reject(queueId, "END-OF-MESSAGE", state.client(), reply, sender, null, protocol(), helo());
            throw new RejectException(452, reply.substring(4));
        }
        MessageBytes.HeaderSummary headers = MessageBytes.headers(message);
        if (headers.received() > services.properties().hopCountLimit()) {
            // permanent: the same message would come round again; nothing is stored or queued
            services.metrics().rejected(Reason.MAIL_LOOP);
            String reply = "554 5.4.6 Hop count exceeded - possible mail loop";
            state.log().reject(queueId, "END-OF-MESSAGE", state.client(), reply, sender, null, protocol(), helo());
            throw new RejectException(554, reply.substring(4));
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault());
        TraceHeaders.Transaction transaction = transaction(headers, now);
        if ((!relayed.isEmpty() || saslUser() != null) && !headers.needsSeparator()) {
            // what leaves this server, or a user submitted, is signed: with its Message-ID and Date, which DKIM signs
            message = concat(TraceHeaders.missingFields(transaction), message);
            message = concat(services.senderAuthentication().sign(sender, message), message);
            headers = MessageBytes.headers(message);
            transaction = transaction(headers, now);
        }
        SenderAuthentication.Verdict verdict = targets.isEmpty()
                ? null
                : services.senderAuthentication()
                        .check(new SenderAuthentication.Arrival(
                                state.client().address(), context.getHelo().orElse(null), sender, message));
        if (verdict != null && verdict.rejection() != null) {
            // DMARC's policy, enforced: nothing is stored or queued
            services.metrics().rejected(Reason.DMARC_REJECTED);
            String reply = "550 " + verdict.rejection();
            state.log().reject(queueId, "END-OF-MESSAGE", state.client(), reply, sender, null, protocol(), helo());
            throw new RejectException(550, verdict.rejection());
        }
        String messageId = headers.hasMessageId() ? headers.messageId() : TraceHeaders.messageId(transaction);
        services.log().messageId(queueId, messageId);
        services.log().queued(queueId, sender, message.length, recipients.size());
        for (Target target : targets.values()) {
            byte[] added = concat(
                    TraceHeaders.forRecipient(transaction, target.deliveredTo(), target.recipient()), verdict.header());
            String maildir = target.user().maildir().resolve("new").toString();
            String origTo = target.recipient().equalsIgnoreCase(target.deliveredTo()) ? null : target.recipient();
            long writing = System.nanoTime();
            MailStore.Stored stored;
            try {
                stored = services.store().store(target.user(), added, verdict.message());
            } catch (IOException | RuntimeException e) {
                services.metrics().rejected(Reason.DELIVERY_FAILED);
                services.log().deferred(queueId, target.deliveredTo(), seconds(), maildir, e.toString());
                throw new RejectException(451, "4.3.0 Error: queue file write error");
            }
            long durableNanos = System.nanoTime() - writing;
            services.metrics().delivered();
            services.log()
                    .delivered(
                            queueId,
                            target.deliveredTo(),
                            origTo,
                            seconds(),
                            maildir,
                            stored.fileName(),
                            verdict.summary());
            observeDelivery(target, messageId, stored, (long) added.length + verdict.message().length, durableNanos);
        }
        if (!relayed.isEmpty()) {
            byte[] queued = concat(TraceHeaders.forRelay(transaction, relayed), message);
            try {
                services.outbound().enqueue(queueId, sender, List.copyOf(relayed), queued);
            } catch (IOException | RuntimeException e) {
                services.metrics().rejected(Reason.DELIVERY_FAILED);
                services.log().queueWriteFailed(queueId, e.toString());
                throw new RejectException(451, "4.3.0 Error: queue file write error");
            }
        }
        services.metrics().accepted(message.length);
        if (relayed.isEmpty()) {
            // a relayed message stays in the queue: the delivery logs "removed" when it is done
            services.log().removed(queueId);
        }
        return "2.0.0 Ok: queued as " + queueId;
    }

    private TraceHeaders.Transaction transaction(MessageBytes.HeaderSummary headers, ZonedDateTime now) {
        return new TraceHeaders.Transaction(
                sender, helo(), state.client(), services.properties().hostname(), protocol(), queueId, now, headers);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        if (first.length == 0) {
            return second;
        }
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private void observeDelivery(Target target, String messageId, MailStore.Stored stored, long size, long nanos) {
        SmtpObserver.SessionObserver observer = state.observer();
        if (observer == null) {
            return;
        }
        // the observer never throws; were it to, the copy is durable already and must still be acknowledged
        try {
            observer.delivered(new SmtpObserver.Delivery(
                    queueId,
                    messageId,
                    sender,
                    target.recipient(),
                    target.user().name(),
                    target.user()
                            .maildir()
                            .resolve("new")
                            .resolve(stored.fileName())
                            .toAbsolutePath(),
                    size,
                    nanos / 1_000_000));
        } catch (RuntimeException e) {
            // the record lacks this copy; the client still gets its 250
        }
    }

    @Override
    public void done() {
        // nothing is held between transactions
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private String helo() {
        return context.getHelo().orElse("unknown");
    }

    /** The policy's view of the session: its address and the user of a successful AUTH. */
    private RecipientPolicy.Client client() {
        return new RecipientPolicy.Client(state.client().address(), saslUser());
    }

    private String saslUser() {
        return context.getAuthenticationHandler()
                .map(h -> String.valueOf(h.getIdentity()))
                .orElse(null);
    }

    private String protocol() {
        boolean tls = context instanceof Session s && s.isTLSStarted();
        return TraceHeaders.protocol(
                state.extended(), tls, context.getAuthenticationHandler().isPresent());
    }
}
