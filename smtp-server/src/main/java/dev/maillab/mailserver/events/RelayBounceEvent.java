package dev.maillab.mailserver.events;

import java.util.List;

/**
 * {@code relay.bounce}: the delivery status notification made for a queued message's failed recipients.
 *
 * @param queueId         the message that was not delivered
 * @param bounceQueueId   the notification's own queue id
 * @param bounceMessageId the notification's Message-ID
 * @param to              its recipient, the original's sender
 * @param recipients      the failed recipients it reports
 * @param delivery        {@code maildir} (put into the local sender's Maildir) or {@code queue} (queued for the
 *                        sender's lab domain: a relay.queued of bounceQueueId follows)
 * @param expired         the message outlived maillab.relay.max-lifetime
 */
record RelayBounceEvent(
        String queueId,
        String bounceQueueId,
        String bounceMessageId,
        String to,
        List<String> recipients,
        String delivery,
        boolean expired) {}
