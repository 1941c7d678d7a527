package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.relay.delivery.Outcome;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's log lines as Postfix writes them, under its program names: {@code postfix/smtp} one line per recipient
 * and attempt ({@code status=sent}, {@code deferred}, {@code bounced}), {@code postfix/qmgr} the queue's
 * ({@code removed}, {@code expired}), {@code postfix/bounce} the notifications. What another server said is cut to
 * {@value #MAX_QUOTED} characters, control characters shown as '?'.
 */
final class RelayLog {

    static final int MAX_QUOTED = 500;

    private final Logger smtp = LoggerFactory.getLogger("postfix/smtp");
    private final Logger qmgr = LoggerFactory.getLogger("postfix/qmgr");
    private final Logger bounce = LoggerFactory.getLogger("postfix/bounce");
    private final Logger local = LoggerFactory.getLogger("postfix/local");

    void outcome(String queueId, Outcome o, double delaySeconds) {
        String line = queueId + ": to=<" + o.recipient() + ">, relay=" + o.relay() + ", delay=" + delay(delaySeconds)
                + ", dsn=" + o.dsn() + ", status=" + o.status().name().toLowerCase(Locale.ROOT) + " ("
                + quote(o.text()) + ")";
        if (o.status() == Outcome.Status.SENT) {
            smtp.info(line);
        } else {
            smtp.warn(line);
        }
    }

    void queued(String queueId, String sender, long size, int recipients) {
        qmgr.info("{}: from=<{}>, size={}, nrcpt={} (queue active)", queueId, sender, size, recipients);
    }

    void resumed(int messages, Object directory) {
        qmgr.info("resumed {} queued message(s) from {}", messages, directory);
    }

    void removed(String queueId) {
        qmgr.info("{}: removed", queueId);
    }

    void deleted(String queueId) {
        qmgr.info("{}: removed (deleted through the queue API)", queueId);
    }

    void expired(String queueId, String sender) {
        qmgr.info("{}: from=<{}>, status=expired, returned to sender", queueId, sender);
    }

    void attemptFailed(String queueId, String reason) {
        qmgr.warn("{}: delivery attempt failed, tried again later: {}", queueId, quote(reason));
    }

    void queueWriteFailed(String queueId, String reason) {
        qmgr.warn("{}: queue file write error: {}", queueId, quote(reason));
    }

    void notification(String queueId, String bounceId) {
        bounce.info("{}: sender non-delivery notification: {}", queueId, bounceId);
    }

    void notificationFailed(String queueId, String reason) {
        bounce.warn(
                "{}: sender non-delivery notification not written, the recipients stay queued: {}",
                queueId,
                quote(reason));
    }

    void notSent(String queueId, String why) {
        bounce.info("{}: no sender non-delivery notification: {}", queueId, why);
    }

    void deliveredLocally(String queueId, String to, String maildir, String file) {
        local.info(
                "{}: to=<{}>, relay=local, delay=0.00, dsn=2.0.0, status=sent (delivered to maildir) maildir={} file={}",
                queueId,
                to,
                maildir,
                file);
    }

    static String quote(String text) {
        if (text == null) {
            return "";
        }
        boolean cut = text.length() > MAX_QUOTED;
        StringBuilder b = new StringBuilder(cut ? text.substring(0, MAX_QUOTED) : text);
        for (int i = 0; i < b.length(); i++) {
            if (b.charAt(i) < ' ' || b.charAt(i) == 127) {
                b.setCharAt(i, '?');
            }
        }
        return cut ? b.append("...").toString() : b.toString();
    }

    static String delay(double seconds) {
        long hundredths = Math.round(Math.max(0, seconds) * 100);
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
