package dev.maillab.app.compose;

import jakarta.mail.internet.InternetAddress;
import java.util.List;

/**
 * A request that passed every check: addresses parsed, attachments decoded.
 *
 * @param routeDomain the domain whose MX takes the message: the one domain every recipient is in, or when
 *                    submitting, the sender's (its mail server relays to the other domains)
 */
public record ValidatedMail(
        InternetAddress from,
        List<InternetAddress> to,
        List<InternetAddress> cc,
        String subject,
        String body,
        List<DecodedAttachment> attachments,
        String routeDomain) {

    public record DecodedAttachment(String filename, String contentType, byte[] content) {}
}
