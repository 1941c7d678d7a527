package dev.maillab.app.send;

import dev.maillab.app.compose.OutgoingMessage;
import dev.maillab.app.config.AppProperties;
import dev.maillab.app.route.MailHost;
import dev.maillab.app.route.MxResolver;
import dev.maillab.app.route.NoRouteException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The {@link JavaMailSender} behind the outbound adapter. Like an MTA it looks up the recipients' MX, tries the
 * hosts in order of preference, and retries transient failures (4xx, no answer, DNS trouble) with bounded
 * exponential backoff. A 5xx reply ends the attempt at once with {@link MailRejectedException}; running out of
 * attempts ends it with {@link MailServerUnavailableException}. Each outcome is one log line with the Message-ID,
 * the recipients, the DNS answers, the host and, once accepted, the server's reply and queue id.
 */
public class RoutingMailSender implements JavaMailSender {

    private static final Logger log = LoggerFactory.getLogger(RoutingMailSender.class);

    private final MxResolver mxResolver;
    private final AppProperties props;
    private final Sleeper sleeper;
    private final SmtpTransaction smtp;
    private final SendTraces traces;

    /** Waits between attempts; a seam only so a test can count pauses without taking them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** @param traces where the lookups, the host tried and its reply are noted for {@link MailService} */
    public RoutingMailSender(MxResolver mxResolver, AppProperties props, SendTraces traces) {
        this(mxResolver, props, traces, d -> Thread.sleep(d.toMillis()));
    }

    public RoutingMailSender(MxResolver mxResolver, AppProperties props, Sleeper sleeper) {
        this(mxResolver, props, new SendTraces(), sleeper);
    }

    RoutingMailSender(MxResolver mxResolver, AppProperties props, SendTraces traces, Sleeper sleeper) {
        this.mxResolver = mxResolver;
        this.props = props;
        this.traces = traces;
        this.sleeper = sleeper;
        this.smtp = new SmtpTransaction(props);
    }

    @Override
    public void send(MimeMessage... messages) throws MailException {
        for (MimeMessage message : messages) {
            deliver(message);
        }
    }

    private void deliver(MimeMessage message) {
        // submitting, the sender's own mail server takes every recipient and relays to the other domains itself
        String domain = props.submission().enabled() ? senderDomain(message) : recipientDomain(message);
        String messageId = messageId(message);
        SendTrace trace = traces.of(message);
        AppProperties.Retry retry = props.retry();
        int attempts = Math.max(1, retry.maxAttempts());
        long started = System.nanoTime();
        String lastRelay = null;
        SmtpFailure last = null;
        Exception lastCause = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            MxResolver.Route route;
            try {
                route = mxResolver.resolve(domain);
            } catch (NoRouteException e) {
                trace.looked(e.lookups());
                log.warn(
                        "message-id={} to={} attempt={}/{} status=deferred ({})",
                        messageId,
                        recipients(message),
                        attempt,
                        attempts,
                        e.getMessage());
                last = new SmtpFailure(0, e.getMessage());
                lastCause = e;
                pause(attempt, attempts);
                continue;
            }
            trace.looked(route.lookups());
            for (MailHost host : route.hosts()) {
                try {
                    String reply = smtp.send(message, host);
                    trace.tried(host, reply);
                    if (message instanceof OutgoingMessage out) {
                        out.recordDelivery(host.toString(), reply);
                    }
                    // one line per message with everything needed to follow it into the smtp-server's log
                    log.info(
                            "message-id={} to={} dns=[{}] relay={} attempt={}/{} delay={}s status=sent "
                                    + "queue-id={} ({})",
                            messageId,
                            recipients(message),
                            route.summary(),
                            host,
                            attempt,
                            attempts,
                            seconds(started),
                            QueueId.of(reply),
                            reply);
                    return;
                } catch (MessagingException e) {
                    SmtpFailure f = SmtpFailure.of(e);
                    trace.tried(host, f.code() > 0 ? f.reply() : null);
                    lastRelay = host.toString();
                    last = f;
                    lastCause = e;
                    if (f.permanent()) {
                        log.warn(
                                "message-id={} to={} dns=[{}] relay={} status=bounced ({})",
                                messageId,
                                recipients(message),
                                route.summary(),
                                host,
                                f.reply());
                        throw e instanceof AuthenticationFailedException
                                ? MailRejectedException.authentication(smtp.username(), lastRelay, f.reply(), e)
                                : new MailRejectedException(lastRelay, f.reply(), e);
                    }
                    log.warn(
                            "message-id={} to={} dns=[{}] relay={} attempt={}/{} status=deferred ({})",
                            messageId,
                            recipients(message),
                            route.summary(),
                            host,
                            attempt,
                            attempts,
                            f.reply());
                }
            }
            pause(attempt, attempts);
        }
        String reply = last == null ? "no attempt made" : last.reply();
        throw new MailServerUnavailableException(
                "no mail server accepted the message after " + attempts + " attempt(s): " + reply,
                lastRelay,
                reply,
                lastCause);
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return "?";
        }
    }

    private void pause(int attempt, int attempts) {
        if (attempt >= attempts) {
            return;
        }
        try {
            sleeper.sleep(props.retry().backoffAfter(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailServerUnavailableException("interrupted while waiting to retry", null, "interrupted", e);
        }
    }

    private static String senderDomain(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from == null || from.length == 0) {
                throw new MailPreparationException("message has no From");
            }
            return domainOf(((InternetAddress) from[0]).getAddress());
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot read From", e);
        }
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static String recipientDomain(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            if (all == null || all.length == 0) {
                throw new MailPreparationException("message has no recipients");
            }
            String address = ((InternetAddress) all[0]).getAddress();
            return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot read recipients", e);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            List<String> list = new ArrayList<>();
            for (Address a : message.getRecipients(Message.RecipientType.TO)) {
                list.add("<" + ((InternetAddress) a).getAddress() + ">");
            }
            Address[] cc = message.getRecipients(Message.RecipientType.CC);
            if (cc != null) {
                for (Address a : cc) {
                    list.add("<" + ((InternetAddress) a).getAddress() + ">");
                }
            }
            return String.join(",", list);
        } catch (MessagingException | RuntimeException e) {
            return "?";
        }
    }

    @Override
    public MimeMessage createMimeMessage() {
        throw new UnsupportedOperationException("messages are built by MessageComposer");
    }

    @Override
    public MimeMessage createMimeMessage(InputStream contentStream) {
        throw new UnsupportedOperationException("messages are built by MessageComposer");
    }

    @Override
    public void send(SimpleMailMessage... simpleMessages) {
        throw new UnsupportedOperationException("only MIME messages with full headers are sent");
    }
}
