package dev.maillab.app.compose;

import jakarta.mail.internet.InternetAddress;
import java.util.List;

/**
 * A request that passed every check: addresses parsed, attachments decoded.
 *
 * @param recipientDomain the one domain every recipient is in (its MX is where the message goes)
 */
public record ValidatedMail(
        InternetAddress from,
        List<InternetAddress> to,
        List<InternetAddress> cc,
        String subject,
        String body,
        List<DecodedAttachment> attachments,
        String recipientDomain) {

    public record DecodedAttachment(String filename, String contentType, byte[] content) {}
}
