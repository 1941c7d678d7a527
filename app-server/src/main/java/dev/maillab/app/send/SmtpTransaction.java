package dev.maillab.app.send;

import dev.maillab.app.config.AppProperties;
import dev.maillab.app.route.MailHost;
import dev.maillab.app.submission.CaFileTrust;
import dev.maillab.app.submission.NamedHostTlsSocketFactory;
import dev.maillab.app.submission.SubmissionLogin;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP transaction with one host through Jakarta Mail's transport, returning the server's reply to the end of
 * DATA (Spring's JavaMailSenderImpl does the same but drops that reply, and with it the queue id). With submission
 * set up: STARTTLS required, the certificate checked against the trusted CA and the MX host's name, then AUTH.
 */
final class SmtpTransaction {

    private final Properties base;
    private final Session plain;
    private final SubmissionLogin login;
    private final CaFileTrust trust;

    SmtpTransaction(AppProperties props) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.connectiontimeout", millis(props.connectTimeout()));
        p.setProperty("mail.smtp.timeout", millis(props.timeout()));
        p.setProperty("mail.smtp.writetimeout", millis(props.timeout()));
        p.setProperty("mail.smtp.localhost", props.heloName());
        AppProperties.Submission submission = props.submission();
        if (submission.enabled()) {
            login = SubmissionLogin.of(submission);
            trust = CaFileTrust.of(submission.caFile());
            // no clear text ever: no STARTTLS offered is an error, not a reason to go on without it
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            p.setProperty("mail.smtp.auth", "true");
            plain = null;
        } else {
            login = null;
            trust = null;
            plain = Session.getInstance(p);
        }
        this.base = p;
    }

    /** @return the reply to the end of DATA, e.g. "250 2.0.0 Ok: queued as 6614EAAC93B90" */
    String send(MimeMessage message, MailHost host) throws MessagingException {
        Session session;
        try {
            session = session(host);
        } catch (IllegalStateException noCaYet) {
            throw new TlsHandshakeException("STARTTLS with " + host + " not tried: " + noCaYet.getMessage(), noCaYet);
        }
        SMTPTransport t = (SMTPTransport) session.getTransport("smtp");
        if (login == null) {
            t.connect(host.address().getHostAddress(), host.port(), null, null);
        } else {
            try {
                t.connect(host.address().getHostAddress(), host.port(), login.username(), login.password());
            } catch (MessagingException e) {
                SSLException tlsFailure = sslException(e);
                if (tlsFailure == null) {
                    throw e;
                }
                throw new TlsHandshakeException(
                        "STARTTLS with " + host + " failed: " + tlsFailure.getMessage()
                                + " (its certificate must chain to " + trust.describe() + " and name " + host.name()
                                + ")",
                        e);
            }
            // Jakarta Mail goes on unauthenticated when the server offers no AUTH; a submission never does
            if (!t.supportsExtension("AUTH")) {
                closeQuietly(t);
                throw new MessagingException(
                        host + " offers no AUTH after STARTTLS: not sending unauthenticated as " + login.username());
            }
        }
        String reply;
        try {
            t.sendMessage(message, message.getAllRecipients());
            reply = t.getLastServerResponse().strip();
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(t);
            throw e;
        }
        // the message is the server's from its 250 on; a failing QUIT changes nothing about that
        closeQuietly(t);
        return reply;
    }

    private static SSLException sslException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    /** The user this transaction logs in as, or null without submission. */
    String username() {
        return login == null ? null : login.username();
    }

    /** Per host when submitting: the TLS layer must know the name of the host it checks the certificate for. */
    private Session session(MailHost host) {
        if (plain != null) {
            return plain;
        }
        Properties p = new Properties();
        p.putAll(base);
        p.put("mail.smtp.ssl.socketFactory", new NamedHostTlsSocketFactory(trust.factory(), host.name()));
        return Session.getInstance(p);
    }

    private static void closeQuietly(SMTPTransport t) {
        try {
            t.close();
        } catch (MessagingException ignored) {
            // the connection is gone either way
        }
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}
