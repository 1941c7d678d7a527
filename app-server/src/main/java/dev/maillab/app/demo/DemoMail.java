package dev.maillab.app.demo;

import dev.maillab.app.compose.MailRequest;
import dev.maillab.app.config.AppProperties;
import dev.maillab.app.send.MailRejectedException;
import dev.maillab.app.send.MailServerUnavailableException;
import dev.maillab.app.send.MailService;
import dev.maillab.app.send.SendReceipt;
import dev.maillab.app.send.SendReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends one demo mail once the web application is up (maillab.app.demo.enabled=true), for the scripted compose
 * flow. It runs on its own thread so health stays answerable, and keeps trying while the mail server is not up yet.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "maillab.app.demo.enabled", havingValue = "true")
public class DemoMail {

    private static final Logger log = LoggerFactory.getLogger(DemoMail.class);

    private final MailService mailService;
    private final AppProperties.Demo demo;

    public DemoMail(MailService mailService, AppProperties props) {
        this.mailService = mailService;
        this.demo = props.demo();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        Thread t = new Thread(this::sendDemo, "demo-mail");
        t.setDaemon(true);
        t.start();
    }

    /** The console's page of the message's journey. */
    static String journey(String consoleUrl, String messageId) {
        return consoleUrl.replaceAll("/+$", "") + "/journey?messageId="
                + URLEncoder.encode(messageId, StandardCharsets.UTF_8);
    }

    void sendDemo() {
        MailRequest request = new MailRequest(null, demo.to(), List.of(), demo.subject(), demo.body(), null);
        for (int attempt = 1; attempt <= demo.attempts(); attempt++) {
            try {
                SendReceipt r = mailService.send(request, SendReport.Source.DEMO);
                log.info("demo mail accepted by {}: Message-ID {} to {}", r.relay(), r.messageId(), r.recipients());
                if (!demo.consoleUrl().isBlank()) {
                    log.info("demo mail's journey: {}", journey(demo.consoleUrl(), r.messageId()));
                }
                return;
            } catch (MailServerUnavailableException e) {
                log.warn("demo mail attempt {}/{}: {}", attempt, demo.attempts(), e.getMessage());
                try {
                    Thread.sleep(demo.interval().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (MailRejectedException | IllegalArgumentException e) {
                log.error("demo mail not sent: {}", e.getMessage());
                return;
            } catch (RuntimeException e) {
                log.error("demo mail not sent", e);
                return;
            }
        }
        log.error("demo mail not sent: no mail server after {} attempts", demo.attempts());
    }
}
