package dev.maillab.app.send;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;

/**
 * What went wrong in one delivery attempt, read out of the exception tree Spring and Jakarta Mail build
 * (MailSendException's failed messages, MessagingException's next exceptions, causes).
 *
 * @param code  the SMTP reply code, or 0 when the server never answered (refused, timed out, reset)
 * @param reply the server's reply line(s), or the local reason when code is 0
 */
public record SmtpFailure(int code, String reply) {

    // Jakarta Mail reports a refused greeting only in its message text
    private static final Pattern GREETING = Pattern.compile("response: (\\d{3})");
    // ... and a refused AUTH as the reply itself ("535 5.7.8 Error: authentication failed")
    private static final Pattern REPLY = Pattern.compile("^(\\d{3})(?:[ -]|$)");

    public boolean permanent() {
        return code >= 500;
    }

    public static SmtpFailure of(Throwable failure) {
        Throwable firstLeaf = null;
        Deque<Throwable> todo = new LinkedList<>(); // takes the nulls causes often are
        Set<Throwable> seen = new HashSet<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof TlsHandshakeException tls) {
                return new SmtpFailure(0, tls.getMessage());
            }
            Integer code = codeOf(t);
            if (code != null) {
                return new SmtpFailure(code, clean(t.getMessage()));
            }
            if (t instanceof AuthenticationFailedException a && a.getMessage() != null) {
                Matcher m = REPLY.matcher(a.getMessage().strip());
                if (m.find()) {
                    return new SmtpFailure(Integer.parseInt(m.group(1)), clean(a.getMessage()));
                }
            }
            if (t instanceof MessagingException me && me.getMessage() != null) {
                Matcher m = GREETING.matcher(me.getMessage());
                if (m.find()) {
                    return new SmtpFailure(Integer.parseInt(m.group(1)), clean(me.getMessage()));
                }
            }
            if (t instanceof MailSendException mse) {
                todo.addAll(mse.getFailedMessages().values());
            }
            if (t instanceof MessagingException me) {
                todo.add(me.getNextException());
            }
            todo.add(t.getCause());
            if (t.getCause() == null && firstLeaf == null) {
                firstLeaf = t;
            }
        }
        Throwable root = firstLeaf == null ? failure : firstLeaf;
        return new SmtpFailure(0, root.getClass().getSimpleName() + ": " + root.getMessage());
    }

    private static Integer codeOf(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        return null;
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    }
}
