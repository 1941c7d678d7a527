package dev.maillab.mailserver.events;

/**
 * {@code smtp.rejection}: a MAIL, RCPT or DATA (or the message after it) answered with a 4xx or 5xx reply.
 *
 * @param queueId the transaction's queue id, null before its first accepted recipient
 * @param client  {@code ip:port}
 * @param command the command line refused
 * @param reply   the reply's last line
 * @param address the address of a MAIL or RCPT, null for DATA
 */
record SmtpRejectionEvent(
        String session, String queueId, String client, String command, String reply, String address) {}
