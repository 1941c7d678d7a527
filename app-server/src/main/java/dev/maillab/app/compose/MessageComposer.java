package dev.maillab.app.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Builds the MIME message: From, To, Cc, Subject, Date, Message-ID (in the sender's domain), MIME-Version and a
 * text/plain part in UTF-8. Jakarta Mail writes non-ASCII subjects, display names and file names as RFC 2047
 * encoded-words and picks 7bit, quoted-printable or base64 for the body, so no line exceeds 998 octets.
 */
public class MessageComposer {

    private static final String CHARSET = "UTF-8";

    private final Session session;
    private final long maxMessageBytes;

    /** @param maxMessageBytes the largest message, as the mail server counts it (after MIME encoding) */
    public MessageComposer(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        Properties props = new Properties();
        // RFC 2231 file names are what current readers expect; off, Jakarta Mail writes encoded-words in quotes
        props.setProperty("mail.mime.encodeparameters", "true");
        this.session = Session.getInstance(props);
    }

    public OutgoingMessage compose(ValidatedMail mail) {
        try {
            OutgoingMessage message = new OutgoingMessage(session, newMessageId(mail.from()));
            MimeMessageHelper helper = new MimeMessageHelper(
                    message,
                    mail.attachments().isEmpty()
                            ? MimeMessageHelper.MULTIPART_MODE_NO
                            : MimeMessageHelper.MULTIPART_MODE_MIXED,
                    CHARSET);
            helper.setFrom(mail.from());
            helper.setTo(mail.to().toArray(InternetAddress[]::new));
            if (!mail.cc().isEmpty()) {
                helper.setCc(mail.cc().toArray(InternetAddress[]::new));
            }
            helper.setSubject(mail.subject());
            helper.setSentDate(new Date());
            helper.setText(mail.body(), false);
            for (ValidatedMail.DecodedAttachment a : mail.attachments()) {
                helper.addAttachment(a.filename(), new ByteArrayResource(a.content()), a.contentType());
            }
            message.saveChanges();
            long size = encodedSize(message);
            if (size > maxMessageBytes) {
                throw new InvalidMailException(List.of("message: " + size + " bytes after MIME encoding (base64 "
                        + "makes attachments a third larger), more than the mail server's " + maxMessageBytes));
            }
            message.recordSize(size);
            return message;
        } catch (IOException | MessagingException e) {
            throw new InvalidMailException(List.of("message: cannot be composed: " + e.getMessage()));
        }
    }

    /** Octets as sent: the encoding is streamed and counted, not held. */
    static long encodedSize(MimeMessage message) throws IOException, MessagingException {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        message.writeTo(counter);
        return count[0];
    }

    /** {@code <random@sender-domain>}: unique, and says who made it (RFC 5322 section 3.6.4). */
    static String newMessageId(InternetAddress from) {
        String address = from.getAddress();
        String domain = address.substring(address.lastIndexOf('@') + 1);
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }
}
