package dev.maillab.mailserver.events;

import java.util.List;

/**
 * {@code relay.queued}: a message for another lab domain (or a bounce for one) is durable in the queue.
 *
 * @param queueId    the queue id: the SMTP transaction's (its smtp.session's {@code queueIds}), or a bounce's own
 * @param messageId  the queued content's Message-ID, null without one
 * @param sender     the envelope sender, {@code ""} for a bounce
 * @param recipients those to deliver to, in order
 * @param domains    their domains, one delivery each
 * @param size       octets queued (with this host's Received:)
 */
record RelayQueuedEvent(
        String queueId, String messageId, String sender, List<String> recipients, List<String> domains, long size) {}
