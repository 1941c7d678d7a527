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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates, composes and sends one message; used by the HTTP API, the send command and the demo alike.
 * Throws {@link InvalidMailException}, {@link MailRejectedException} or {@link MailServerUnavailableException}.
 * Every message handed over is reported to the {@link SendObserver} once it was accepted or not.
 */
public class MailService {

    private static final Logger log = LoggerFactory.getLogger(MailService.class);

    private final MailRequestValidator validator;
    private final MessageComposer composer;
    private final Consumer<MimeMessage> transport;
    private final SendTraces traces;
    private final SendObserver observer;

    /**
     * @param transport hands the message to a mail server and returns once one accepted it: the integration flow's
     *                  gateway in the web application, the {@link RoutingMailSender} itself in the send command
     * @param traces    the ones the transport's {@link RoutingMailSender} notes its lookups, host and reply in
     */
    public MailService(
            MailRequestValidator validator,
            MessageComposer composer,
            Consumer<MimeMessage> transport,
            SendTraces traces,
            SendObserver observer) {
        this.validator = validator;
        this.composer = composer;
        this.transport = transport;
        this.traces = traces;
        this.observer = observer;
    }

    /** Without Spring: what the one-shot send command uses, the same validation, composition and sending. */
    public static MailService standalone(AppProperties props, SendObserver observer) {
        MxResolver mx = new MxResolver(props.resolver(), props.dnsTimeout(), props.mailPort(), props.fallbackHost());
        SendTraces traces = new SendTraces();
        RoutingMailSender sender = new RoutingMailSender(mx, props, traces);
        return new MailService(
                new MailRequestValidator(
                        props.limits(), props.from(), !props.submission().enabled()),
                new MessageComposer(props.limits().maxMessageBytes()),
                sender::send,
                traces,
                observer);
    }

    public SendReceipt send(MailRequest request, SendReport.Source source) {
        long started = System.nanoTime();
        ValidatedMail mail = validator.validate(request);
        OutgoingMessage message = composer.compose(mail);
        List<String> recipients = new ArrayList<>();
        mail.to().stream().map(InternetAddress::getAddress).forEach(recipients::add);
        mail.cc().stream().map(InternetAddress::getAddress).forEach(recipients::add);
        SendTrace trace = traces.open(message);
        try {
            transport.accept(message);
        } catch (RuntimeException e) {
            RuntimeException outcome = unwrap(e);
            report(source, mail, message, recipients, trace, started, outcome.getMessage());
            throw outcome;
        } finally {
            traces.close(message);
        }
        report(source, mail, message, recipients, trace, started, null);
        return new SendReceipt(
                message.messageId(), message.relay(), recipients, QueueId.of(message.reply()), message.reply());
    }

    private void report(
            SendReport.Source source,
            ValidatedMail mail,
            OutgoingMessage message,
            List<String> recipients,
            SendTrace trace,
            long started,
            String error) {
        SendReport report = new SendReport(
                source,
                message.messageId(),
                mail.from().getAddress(),
                recipients,
                mail.subject(),
                trace.lookups(),
                trace.relay(),
                trace.reply(),
                error == null ? QueueId.of(trace.reply()) : null,
                (System.nanoTime() - started) / 1_000_000,
                error);
        try {
            observer.ended(report);
        } catch (RuntimeException e) {
            log.warn("send of {} not reported: {}", message.messageId(), e.toString());
        }
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
