package dev.maillab.smtp.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines worded as Postfix writes them, under Postfix's program names, so that the usual
 * {@code grep 'status=sent'} / {@code grep NOQUEUE} answer "did it arrive, and where?".
 */
public final class MailLog {

    private final Logger smtpd = LoggerFactory.getLogger("postfix/smtpd");
    private final Logger cleanup = LoggerFactory.getLogger("postfix/cleanup");
    private final Logger qmgr = LoggerFactory.getLogger("postfix/qmgr");
    private final Logger local = LoggerFactory.getLogger("postfix/local");

    public void connect(ClientInfo client) {
        smtpd.info("connect from {}", client);
    }

    public void disconnect(ClientInfo client) {
        smtpd.info("disconnect from {}", client);
    }

    public void client(String queueId, ClientInfo client, String saslUser) {
        if (saslUser == null) {
            smtpd.info("{}: client={}", queueId, client);
        } else {
            smtpd.info("{}: client={}, sasl_username={}", queueId, client, saslUser);
        }
    }

    /** A refused command; {@code queueId} is null before the transaction has one ("NOQUEUE"). */
    public void reject(String queueId, String stage, ClientInfo client, String reply, String from, String to,
            String proto, String helo) {
        StringBuilder line = new StringBuilder(queueId == null ? "NOQUEUE" : queueId)
                .append(": reject: ").append(stage).append(" from ").append(client).append(": ").append(reply)
                .append("; from=<").append(from == null ? "" : from).append('>');
        if (to != null) {
            line.append(" to=<").append(to).append('>');
        }
        line.append(" proto=").append(proto).append(" helo=<").append(helo).append('>');
        smtpd.info(line.toString());
    }

    public void authFailed(ClientInfo client, String mechanism) {
        smtpd.warn("{}: SASL {} authentication failed", client, mechanism);
    }

    public void messageId(String queueId, String messageId) {
        cleanup.info("{}: message-id={}", queueId, messageId);
    }

    public void queued(String queueId, String from, long size, int recipients) {
        qmgr.info("{}: from=<{}>, size={}, nrcpt={} (queue active)", queueId, from, size, recipients);
    }

    public void delivered(String queueId, String to, String origTo, double delaySeconds, String maildir, String uidl) {
        local.info("{}: to=<{}>,{} relay=local, delay={}, dsn=2.0.0, status=sent (delivered to maildir)"
                        + " maildir={} file={}",
                queueId, to, origTo == null ? "" : " orig_to=<" + origTo + ">,", delay(delaySeconds), maildir, uidl);
    }

    public void deferred(String queueId, String to, double delaySeconds, String maildir, String reason) {
        local.warn("{}: to=<{}>, relay=local, delay={}, dsn=4.3.0, status=deferred (maildir delivery failed: {})"
                + " maildir={}", queueId, to, delay(delaySeconds), reason, maildir);
    }

    public void removed(String queueId) {
        qmgr.info("{}: removed", queueId);
    }

    private static String delay(double seconds) {
        // as "%.2f" would print it, without a Formatter per log line
        long hundredths = Math.round(Math.max(0, seconds) * 100);
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
