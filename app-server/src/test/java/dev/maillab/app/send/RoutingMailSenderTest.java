package dev.maillab.app.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.app.compose.MailRequest;
import dev.maillab.app.compose.MailRequestValidator;
import dev.maillab.app.compose.MessageComposer;
import dev.maillab.app.compose.OutgoingMessage;
import dev.maillab.app.config.AppProperties;
import dev.maillab.app.route.MxResolver;
import dev.maillab.app.testsupport.AppSettings;
import dev.maillab.app.testsupport.ScriptableSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retry and failure classification against a real SMTP server. The DNS server named is a closed port, so the
 * MX lookup fails and the fallback host (the test server) is used, as the contract says it should be.
 */
class RoutingMailSenderTest {

    private final ScriptableSmtpServer smtp = new ScriptableSmtpServer();
    private final List<Duration> pauses = new ArrayList<>();

    @AfterEach
    void stop() {
        smtp.close();
    }

    private RoutingMailSender sender(String fallbackHost, int maxAttempts) {
        AppProperties props = AppSettings.of(Map.of(
                "resolver", "127.0.0.1:" + ScriptableSmtpServer.closedPort(),
                "fallback-host", fallbackHost,
                "helo-name", "app-server.test",
                "dns-timeout", "1s",
                "connect-timeout", "2s",
                "timeout", "5s",
                "retry.max-attempts", maxAttempts,
                "retry.initial-backoff", "100ms",
                "retry.multiplier", 2.0,
                "retry.max-backoff", "300ms"));
        MxResolver mx = new MxResolver(props.resolver(), props.dnsTimeout(), props.smtpPort(), props.fallbackHost());
        return new RoutingMailSender(mx, props, pauses::add);
    }

    private static OutgoingMessage message(String to) {
        MailRequestValidator v =
                new MailRequestValidator(AppSettings.limits(Map.of("max-attachment-bytes", 1000)), "app@example.local");
        return new MessageComposer(10_240_000)
                .compose(v.validate(new MailRequest(null, List.of(to), null, "s", "b", null)));
    }

    @Test
    void anAcceptedMessageRecordsItsRelay() {
        OutgoingMessage m = message("test@example.local");
        sender("127.0.0.1:" + smtp.port(), 3).send(m);
        assertThat(smtp.accepted()).hasSize(1);
        assertThat(new String(smtp.accepted().get(0))).contains("Message-ID: " + m.messageId());
        assertThat(m.relay()).isEqualTo("127.0.0.1[127.0.0.1]:" + smtp.port());
        assertThat(pauses).isEmpty();
    }

    @Test
    void transient4xxIsRetriedWithGrowingBackoffUntilAccepted() {
        smtp.failTemporarily(2);
        sender("127.0.0.1:" + smtp.port(), 3).send(message("test@example.local"));
        assertThat(smtp.dataCommands()).isEqualTo(3);
        assertThat(smtp.accepted()).hasSize(1);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void fourXxUntilTheAttemptsRunOutIsUnavailableWithTheServersReply() {
        smtp.failTemporarily(10);
        assertThatThrownBy(() -> sender("127.0.0.1:" + smtp.port(), 3).send(message("test@example.local")))
                .isInstanceOf(MailServerUnavailableException.class)
                .satisfies(e -> assertThat(((DeliveryException) e).reply()).startsWith("451 4.3.0 try again later"));
        assertThat(smtp.dataCommands()).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void fiveXxFailsAtOnceWithTheServersReply() {
        assertThatThrownBy(() -> sender("127.0.0.1:" + smtp.port(), 3).send(message("nobody@example.local")))
                .isInstanceOf(MailRejectedException.class)
                .satisfies(e -> assertThat(((DeliveryException) e).reply())
                        .startsWith("550 5.1.1 <nobody@example.local>: Recipient address rejected"));
        assertThat(pauses).isEmpty();
        assertThat(smtp.accepted()).isEmpty();
    }

    @Test
    void aServerThatIsNotListeningIsUnavailableAfterTheBoundedRetries() {
        int closed = ScriptableSmtpServer.closedPort();
        assertThatThrownBy(() -> sender("127.0.0.1:" + closed, 2).send(message("test@example.local")))
                .isInstanceOf(MailServerUnavailableException.class)
                .hasMessageContaining("after 2 attempt(s)")
                .satisfies(e -> assertThat(((DeliveryException) e).relay()).endsWith(":" + closed));
        assertThat(pauses).hasSize(1);
    }

    @Test
    void withoutDnsAndWithoutAFallbackHostThereIsNoRoute() {
        assertThatThrownBy(() -> sender("", 1).send(message("test@example.local")))
                .isInstanceOf(MailServerUnavailableException.class)
                .hasMessageContaining("MX lookup of example.local")
                .hasMessageContaining("no fallback host");
    }
}
