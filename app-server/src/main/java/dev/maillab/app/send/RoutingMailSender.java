package dev.maillab.app.send;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.maillab.app.AppProperties;
import dev.maillab.app.compose.OutgoingMessage;
import dev.maillab.app.route.MailHost;
import dev.maillab.app.route.MxResolver;
import dev.maillab.app.route.NoRouteException;

/**
 * The {@link JavaMailSender} behind the outbound adapter. Like an MTA it looks up the recipients' MX, tries the
 * hosts in order of preference, and retries transient failures (4xx, no answer, DNS trouble) with bounded
 * exponential backoff. A 5xx reply ends the attempt at once with {@link MailRejectedException}; running out of
 * attempts ends it with {@link MailServerUnavailableException}.
 */
public class RoutingMailSender implements JavaMailSender {

    private static final Logger log = LoggerFactory.getLogger(RoutingMailSender.class);

    private final MxResolver mxResolver;
    private final AppProperties props;
    private final Sleeper sleeper;
    private final Map<String, JavaMailSenderImpl> senders = new ConcurrentHashMap<>();

    /** Waits between attempts; a seam only so a test can count pauses without taking them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public RoutingMailSender(MxResolver mxResolver, AppProperties props) {
        this(mxResolver, props, d -> Thread.sleep(d.toMillis()));
    }

    public RoutingMailSender(MxResolver mxResolver, AppProperties props, Sleeper sleeper) {
        this.mxResolver = mxResolver;
        this.props = props;
        this.sleeper = sleeper;
    }

    @Override
    public void send(MimeMessage... messages) throws MailException {
        for (MimeMessage message : messages) {
            deliver(message);
        }
    }

    private void deliver(MimeMessage message) {
        String domain = recipientDomain(message);
        AppProperties.Retry retry = props.retry();
        int attempts = Math.max(1, retry.maxAttempts());
        String lastRelay = null;
        SmtpFailure last = null;
        RuntimeException lastCause = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            List<MailHost> hosts;
            try {
                hosts = mxResolver.route(domain);
            } catch (NoRouteException e) {
                log.warn("attempt {}/{}: {}", attempt, attempts, e.getMessage());
                last = new SmtpFailure(0, e.getMessage());
                lastCause = e;
                pause(attempt, attempts);
                continue;
            }
            for (MailHost host : hosts) {
                try {
                    senderFor(host).send(message);
                    if (message instanceof OutgoingMessage out) {
                        out.recordRelay(host.toString());
                    }
                    log.info("to={}, relay={} ({}), status=sent", recipients(message), host, host.via());
                    return;
                } catch (MailException e) {
                    SmtpFailure f = SmtpFailure.of(e);
                    lastRelay = host.toString();
                    last = f;
                    lastCause = e;
                    if (f.permanent()) {
                        log.warn("to={}, relay={}, status=bounced ({})", recipients(message), host, f.reply());
                        throw new MailRejectedException(lastRelay, f.reply(), e);
                    }
                    log.warn("attempt {}/{}: relay={}, status=deferred ({})", attempt, attempts, host, f.reply());
                }
            }
            pause(attempt, attempts);
        }
        String reply = last == null ? "no attempt made" : last.reply();
        throw new MailServerUnavailableException("no mail server accepted the message after " + attempts
                + " attempt(s): " + reply, lastRelay, reply, lastCause);
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

    private JavaMailSenderImpl senderFor(MailHost host) {
        String key = host.address().getHostAddress() + ":" + host.port();
        return senders.computeIfAbsent(key, k -> {
            JavaMailSenderImpl s = new JavaMailSenderImpl();
            s.setHost(host.address().getHostAddress());
            s.setPort(host.port());
            s.setDefaultEncoding("UTF-8");
            Properties p = new Properties();
            p.setProperty("mail.smtp.connectiontimeout", millis(props.connectTimeout()));
            p.setProperty("mail.smtp.timeout", millis(props.timeout()));
            p.setProperty("mail.smtp.writetimeout", millis(props.timeout()));
            p.setProperty("mail.smtp.localhost", props.heloName());
            s.setJavaMailProperties(p);
            return s;
        });
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
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
