package dev.maillab.app.send;

import dev.maillab.app.config.AppProperties;
import dev.maillab.app.route.MailHost;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP transaction with one host through Jakarta Mail's transport, returning the server's reply to the end of
 * DATA (Spring's JavaMailSenderImpl does the same but drops that reply, and with it the queue id).
 */
final class SmtpTransaction {

    private final Session session;

    SmtpTransaction(AppProperties props) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.connectiontimeout", millis(props.connectTimeout()));
        p.setProperty("mail.smtp.timeout", millis(props.timeout()));
        p.setProperty("mail.smtp.writetimeout", millis(props.timeout()));
        p.setProperty("mail.smtp.localhost", props.heloName());
        this.session = Session.getInstance(p);
    }

    /** @return the reply to the end of DATA, e.g. "250 2.0.0 Ok: queued as 6614EAAC93B90" */
    String send(MimeMessage message, MailHost host) throws MessagingException {
        SMTPTransport t = (SMTPTransport) session.getTransport("smtp");
        t.connect(host.address().getHostAddress(), host.port(), null, null);
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
