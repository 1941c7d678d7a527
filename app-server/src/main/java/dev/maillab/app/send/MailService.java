package dev.maillab.app.send;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.InternetAddress;

import dev.maillab.app.compose.InvalidMailException;
import dev.maillab.app.compose.MailRequest;
import dev.maillab.app.compose.MailRequestValidator;
import dev.maillab.app.compose.MessageComposer;
import dev.maillab.app.compose.OutgoingMessage;
import dev.maillab.app.compose.ValidatedMail;

/**
 * Validates, composes and sends one message; used by the HTTP API, the send command and the demo alike.
 * Throws {@link InvalidMailException}, {@link MailRejectedException} or {@link MailServerUnavailableException}.
 */
public class MailService {

    private final MailRequestValidator validator;
    private final MessageComposer composer;
    private final MailGateway gateway;

    public MailService(MailRequestValidator validator, MessageComposer composer, MailGateway gateway) {
        this.validator = validator;
        this.composer = composer;
        this.gateway = gateway;
    }

    public SendReceipt send(MailRequest request) {
        ValidatedMail mail = validator.validate(request);
        OutgoingMessage message = composer.compose(mail);
        try {
            gateway.send(message);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
        List<String> recipients = new ArrayList<>();
        mail.to().stream().map(InternetAddress::getAddress).forEach(recipients::add);
        mail.cc().stream().map(InternetAddress::getAddress).forEach(recipients::add);
        return new SendReceipt(message.messageId(), message.relay(), recipients);
    }

    /** The messaging layer wraps what the sender threw; callers want the delivery outcome itself. */
    private static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeliveryException d) {
                return d;
            }
        }
        SmtpFailure f = SmtpFailure.of(e);
        return new MailServerUnavailableException("sending failed: " + f.reply(), null, f.reply(), e);
    }
}
