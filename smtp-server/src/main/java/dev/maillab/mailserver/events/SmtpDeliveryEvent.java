package dev.maillab.mailserver.events;

/**
 * {@code smtp.delivery}, per recipient delivered: the copy is durable in the user's {@code new/}.
 *
 * @param messageId     the stored message's Message-ID (the client's, or the one the server added)
 * @param from          the envelope sender
 * @param recipient     the RCPT address that reached the user
 * @param file          the absolute path of the file in {@code new/}
 * @param size          octets of the file
 * @param durableMillis from the start of the write to the fsync of {@code new/}
 */
record SmtpDeliveryEvent(
        String session,
        String queueId,
        String messageId,
        String from,
        String recipient,
        String user,
        String file,
        long size,
        long durableMillis) {}
