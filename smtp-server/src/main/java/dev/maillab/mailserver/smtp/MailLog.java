package dev.maillab.mailserver.smtp;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines worded as Postfix writes them, under Postfix's program names, so that the usual
 * {@code grep 'status=sent'} / {@code grep NOQUEUE} answer "did it arrive, and where?". A client's fault
 * (a lost connection, a timeout, a bad line) is one line without a stack trace, and text the client chose
 * is cut to {@value #MAX_QUOTED} characters: what a client sends cannot make the log grow faster than the
 * number of its faults.
 */
public final class MailLog {

    private final SmtpService service;
    /** postfix/smtpd for port 25, postfix/submission/smtpd and postfix/smtps/smtpd as master.cf's services log. */
    private final Logger smtpd;

    private final Logger cleanup = LoggerFactory.getLogger("postfix/cleanup");
    private final Logger qmgr = LoggerFactory.getLogger("postfix/qmgr");
    private final Logger local = LoggerFactory.getLogger("postfix/local");

    /** Characters of client-chosen text (addresses, HELO name, error text) a log line quotes at most. */
    static final int MAX_QUOTED = 100;

    /** Port 25's. */
    public MailLog() {
        this(SmtpService.SMTP);
    }

    /** The smtpd lines of one listener under its service's name; cleanup, qmgr and local are the same for all. */
    public MailLog(SmtpService service) {
        this.service = service;
        this.smtpd = LoggerFactory.getLogger(
                service == SmtpService.SMTP ? "postfix/smtpd" : "postfix/" + service.serviceName() + "/smtpd");
    }

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
    public void reject(
            String queueId,
            String stage,
            ClientInfo client,
            String reply,
            String from,
            String to,
            String proto,
            String helo) {
        StringBuilder line = new StringBuilder(queueId == null ? "NOQUEUE" : queueId)
                .append(": reject: ")
                .append(stage)
                .append(" from ")
                .append(client)
                .append(": ")
                .append(quote(reply))
                .append("; from=<")
                .append(from == null ? "" : quote(from))
                .append('>');
        if (to != null) {
            line.append(" to=<").append(quote(to)).append('>');
        }
        line.append(" proto=")
                .append(proto)
                .append(" helo=<")
                .append(quote(helo))
                .append('>');
        smtpd.info(line.toString());
    }

    /**
     * A reply a fault rule gave on purpose, worded as a reject line with the rule's id:
     * {@code NOQUEUE: fault: RCPT from host[addr]: 451 4.3.0 Try again; from=<a> to=<b> rule=<id>}.
     */
    public void faulted(
            String queueId, String stage, ClientInfo client, SmtpFaults.Fault fault, String from, String to) {
        StringBuilder line = new StringBuilder(queueId == null ? "NOQUEUE" : queueId)
                .append(": fault: ")
                .append(stage)
                .append(" from ")
                .append(client)
                .append(": ")
                .append(quote(fault.reply()));
        if (from != null) {
            line.append("; from=<").append(quote(from)).append('>');
        }
        if (to != null) {
            line.append(" to=<").append(quote(to)).append('>');
        }
        line.append(" rule=<").append(quote(fault.rule())).append('>');
        if (fault.close()) {
            line.append(" (connection closed)");
        }
        smtpd.info("{}", line);
    }

    public void authFailed(ClientInfo client, String mechanism) {
        smtpd.warn("{}: SASL {} authentication failed", client, quote(mechanism));
    }

    public void tooManyAuthFailures(ClientInfo client, int failures) {
        smtpd.warn("{}: too many failed authentications ({}), disconnecting", client, failures);
    }

    /** Postfix's anvil wording: {@code Connection concurrency limit exceeded: 21 from ...}. */
    public void tooManyConnections(InetAddress address, int limit, String scope) {
        smtpd.warn(
                "Connection concurrency limit exceeded: {} {} ({}) for service {}",
                limit,
                scope,
                address.getHostAddress(),
                service.serviceName());
    }

    public void timeout(String stage, ClientInfo client) {
        smtpd.info("timeout after {} from {}", stage, client);
    }

    public void lostConnection(String stage, ClientInfo client) {
        smtpd.info("lost connection after {} from {}", stage, client);
    }

    public void tooManyErrors(String stage, ClientInfo client) {
        smtpd.warn("too many errors after {} from {}", stage, client);
    }

    /** A command line that was answered 500 without being read as a command (see CommandInput). */
    public void refusedLine(ClientInfo client, String what) {
        smtpd.info("refused command line from {}: {}", client, what);
    }

    public void tlsFailed(ClientInfo client, String reason) {
        smtpd.warn("SSL_accept error from {}: {}", client, quote(reason));
    }

    public void messageId(String queueId, String messageId) {
        cleanup.info("{}: message-id={}", queueId, quote(messageId));
    }

    public void queued(String queueId, String from, long size, int recipients) {
        qmgr.info("{}: from=<{}>, size={}, nrcpt={} (queue active)", queueId, quote(from), size, recipients);
    }

    /** @param file the file's name in {@code maildir} */
    /** @param senderAuth the SPF, DKIM and DMARC results ({@code spf=pass dkim=pass dmarc=pass}), null for none */
    public void delivered(
            String queueId,
            String to,
            String origTo,
            double delaySeconds,
            String maildir,
            String file,
            String senderAuth) {
        local.info(
                "{}: to=<{}>,{} relay=local, delay={}, dsn=2.0.0, status=sent (delivered to maildir)"
                        + " maildir={} file={}{}",
                queueId,
                to,
                origTo == null ? "" : " orig_to=<" + quote(origTo) + ">,",
                delay(delaySeconds),
                maildir,
                file,
                senderAuth == null ? "" : " " + senderAuth);
    }

    public void deferred(String queueId, String to, double delaySeconds, String maildir, String reason) {
        local.warn(
                "{}: to=<{}>, relay=local, delay={}, dsn=4.3.0, status=deferred (maildir delivery failed: {})"
                        + " maildir={}",
                queueId,
                to,
                delay(delaySeconds),
                reason,
                maildir);
    }

    public void queueWriteFailed(String queueId, String reason) {
        qmgr.warn("{}: queue file write error: {}", queueId, reason);
    }

    /** Client-chosen text cut to {@value #MAX_QUOTED} characters, control characters shown as '?'. */
    static String quote(String text) {
        if (text == null) {
            return null;
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
