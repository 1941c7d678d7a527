package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.relay.bounce.DeliveryStatusNotification;
import dev.maillab.mailserver.relay.delivery.Outcome;
import dev.maillab.mailserver.relay.queue.Envelope;
import dev.maillab.mailserver.smtp.MessageBytes;
import dev.maillab.mailserver.smtp.QueueIds;
import dev.maillab.mailserver.smtp.SmtpProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Returns what could not be delivered to its sender as a {@link DeliveryStatusNotification}: into the sender's
 * Maildir when the sender is a local user, into the queue (with the null sender) when the sender is at another lab
 * domain. A message whose sender is already {@code <>} is never bounced (no bounce of a bounce), and a sender
 * outside the lab or unknown here gets none (nothing leaves the lab); each case is a log line.
 */
final class Bounces {

    /** Where a notification for a sender at another lab domain goes. */
    interface Queue {
        /** @return the notification's queue id */
        String enqueueBounce(String recipient, IdContent content) throws IOException;
    }

    /** The notification's bytes, made once its queue id is known. */
    interface IdContent {
        byte[] forId(String id);
    }

    /**
     * A notification that was made durable.
     *
     * @param delivery {@code maildir} or {@code queue}
     */
    record Notification(String id, String messageId, String to, String delivery) {}

    private final SmtpProperties smtp;
    private final UserDirectory users;
    private final MailStore store;
    private final Predicate<String> labDomain;
    private final RelayLog log;
    private final QueueIds ids;

    Bounces(
            SmtpProperties smtp,
            UserDirectory users,
            MailStore store,
            Predicate<String> labDomain,
            QueueIds ids,
            RelayLog log) {
        this.smtp = smtp;
        this.ids = ids;
        this.users = users;
        this.store = store;
        this.labDomain = labDomain;
        this.log = log;
    }

    /**
     * Sends the notification, or decides none is to be sent; throws only when one should be sent and could not be
     * made durable (the recipients then stay queued and are tried again).
     *
     * @param original the queued message's content, for its header block
     * @param queue    where a notification for another lab domain goes
     * @return the notification made, or null when none is sent
     */
    Notification bounce(Envelope envelope, List<Outcome> failed, InputStream original, Queue queue) throws IOException {
        if (envelope.isBounce()) {
            log.notSent(envelope.id(), "the sender is <> (a bounce is never bounced)");
            return null;
        }
        byte[] headers = DeliveryStatusNotification.headerBlock(original);
        String sender = envelope.sender();
        int at = sender.lastIndexOf('@');
        String local = sender.substring(0, Math.max(at, 0)).toLowerCase(Locale.ROOT);
        String domain = Envelope.domainOf(sender);
        IdContent content = id -> DeliveryStatusNotification.build(
                smtp.hostname(), id, ZonedDateTime.now(ZoneId.systemDefault()), envelope, failed, headers);
        if (smtp.isLocalDomain(domain)) {
            List<MailUser> found = users.resolveRecipient(local);
            if (found.isEmpty()) {
                log.notSent(envelope.id(), "the sender <" + RelayLog.quote(sender) + "> is no local user");
                return null;
            }
            String id = ids.next();
            byte[] dsn = content.forId(id);
            for (MailUser user : found) {
                String deliveredTo = user.name() + "@" + domain;
                byte[] added =
                        ("Return-Path: <>\r\nDelivered-To: " + deliveredTo + "\r\n").getBytes(StandardCharsets.UTF_8);
                MailStore.Stored stored = store.store(user, added, dsn);
                log.deliveredLocally(
                        id, deliveredTo, user.maildir().resolve("new").toString(), stored.fileName());
            }
            log.notification(envelope.id(), id);
            return new Notification(id, MessageBytes.headers(dsn).messageId(), sender, "maildir");
        } else if (labDomain.test(domain)) {
            byte[][] made = new byte[1][];
            String id = queue.enqueueBounce(sender, bounceId -> made[0] = content.forId(bounceId));
            log.notification(envelope.id(), id);
            return new Notification(id, MessageBytes.headers(made[0]).messageId(), sender, "queue");
        } else {
            log.notSent(envelope.id(), "the sender <" + RelayLog.quote(sender) + "> is outside the lab");
            return null;
        }
    }
}
