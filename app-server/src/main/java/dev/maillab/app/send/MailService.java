package dev.maillab.app.send;

import dev.maillab.app.compose.InvalidMailException;
import dev.maillab.app.compose.MailRequest;
import dev.maillab.app.compose.MailRequestValidator;
import dev.maillab.app.compose.MessageComposer;
import dev.maillab.app.compose.OutgoingMessage;
import dev.maillab.app.compose.ValidatedMail;
import dev.maillab.app.config.AppProperties;
import dev.maillab.app.route.MxResolver;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Validates, composes and sends one message; used by the HTTP API, the send command and the demo alike.
 * Throws {@link InvalidMailException}, {@link MailRejectedException} or {@link MailServerUnavailableException}.
 */
public class MailService {

    private final MailRequestValidator validator;
    private final MessageComposer composer;
    private final Consumer<MimeMessage> transport;

    /**
     * @param transport hands the message to a mail server and returns once one accepted it: the integration flow's
     *                  gateway in the web application, the {@link RoutingMailSender} itself in the send command
     */
    public MailService(MailRequestValidator validator, MessageComposer composer, Consumer<MimeMessage> transport) {
        this.validator = validator;
        this.composer = composer;
        this.transport = transport;
    }

    /** Without Spring: what the one-shot send command uses, the same validation, composition and sending. */
    public static MailService standalone(AppProperties props) {
        MxResolver mx = new MxResolver(props.resolver(), props.dnsTimeout(), props.smtpPort(), props.fallbackHost());
        RoutingMailSender sender = new RoutingMailSender(mx, props);
        return new MailService(
                new MailRequestValidator(props.limits(), props.from()),
                new MessageComposer(props.limits().maxMessageBytes()),
                sender::send);
    }

    public SendReceipt send(MailRequest request) {
        ValidatedMail mail = validator.validate(request);
        OutgoingMessage message = composer.compose(mail);
        try {
            transport.accept(message);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
        List<String> recipients = new ArrayList<>();
        mail.to().stream().map(InternetAddress::getAddress).forEach(recipients::add);
        mail.cc().stream().map(InternetAddress::getAddress).forEach(recipients::add);
        return new SendReceipt(
                message.messageId(), message.relay(), recipients, QueueId.of(message.reply()), message.reply());
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
