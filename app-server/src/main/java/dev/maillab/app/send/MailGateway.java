package dev.maillab.app.send;

import jakarta.mail.internet.MimeMessage;
import org.springframework.integration.annotation.MessagingGateway;

/**
 * Entry of the outbound integration flow. The flow runs on the caller's thread (direct channel), so when
 * {@link #send} returns a mail server has accepted the message, and a failure arrives as the exception.
 */
@MessagingGateway(name = "mailGateway", defaultRequestChannel = MailFlowConfiguration.OUTBOUND_CHANNEL)
public interface MailGateway {

    void send(MimeMessage message);
}
