package dev.maillab.mailserver.smtp;

import static dev.maillab.testkit.SmtpConnection.base64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.dns.SystemReverseResolver;
import dev.maillab.mailserver.maildir.InMemoryMailStore;
import dev.maillab.mailserver.tls.CaTrust;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.testkit.LogCapture;
import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submission (RFC 6409) on its own port, as Postfix's submission service with smtpd_tls_security_level=encrypt and
 * SASL: STARTTLS before anything else, then AUTH before MAIL, then the same intake as port 25.
 */
class SubmissionTest {

    @TempDir
    static Path dir;

    static SmtpTestServer server;
    static SSLContext labCa;

    @BeforeAll
    static void start() throws Exception {
        server = new SmtpTestServer(dir, Map.of("submission-port", 0, "smtps-port", 0));
        labCa = CaTrust.trusting(ServerTlsContext.caPem(SmtpTestServer.TEST_TLS));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Connected to submission, greeted, EHLO said, STARTTLS done with a client that verifies the lab CA's chain. */
    private static SmtpConnection inTls() throws Exception {
        SmtpConnection c = server.connect(SmtpService.SUBMISSION);
        assertThat(c.greeting().code()).isEqualTo(220);
        c.command("EHLO client.example.local");
        c.sendLine("STARTTLS");
        assertThat(c.read().code()).isEqualTo(220);
        c.handshake(labCa, "localhost");
        return c;
    }

    @Test
    void beforeStarttlsOnlyEhloHeloStarttlsNoopAndQuitAreAnswered() throws Exception {
        try (SmtpConnection c = server.connect(SmtpService.SUBMISSION)) {
            assertThat(c.greeting().code()).isEqualTo(220);
            List<String> ehlo = c.command("EHLO client.example.local").lines();
            assertThat(ehlo).contains("STARTTLS").noneMatch(l -> l.startsWith("AUTH"));
            String mustTls = "530 5.7.0 Must issue a STARTTLS command first";
            assertThat(c.command("MAIL FROM:<alice@example.local>").toString()).isEqualTo(mustTls);
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0password")).toString())
                    .isEqualTo(mustTls);
            assertThat(c.command("RCPT TO:<test@example.local>").toString()).isEqualTo(mustTls);
            assertThat(c.command("DATA").toString()).isEqualTo(mustTls);
            assertThat(c.command("RSET").toString()).isEqualTo(mustTls);
            assertThat(c.command("VRFY test").toString()).isEqualTo(mustTls);
            assertThat(c.command("NOOP").code()).isEqualTo(250);
            assertThat(c.command("HELO client.example.local").code()).isEqualTo(250);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
        }
        assertThat(server.counter("maillab.smtp.rejected", "reason", "tls_required"))
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void insideTlsMailBeforeAuthIsRefusedThenAuthenticatedMailIsDelivered() throws Exception {
        try (LogCapture logs = new LogCapture();
                SmtpConnection c = inTls()) {
            List<String> ehlo = c.command("EHLO client.example.local").lines();
            assertThat(ehlo).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(c.command("MAIL FROM:<alice@example.local>").toString())
                    .isEqualTo("530 5.7.0 Authentication required");
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(503);
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0password")).code())
                    .isEqualTo(235);
            assertThat(c.sendMail(
                                    "alice@example.local",
                                    List.of("test@example.local"),
                                    "Subject: submitted\r\n\r\nover 587\r\n")
                            .code())
                    .isEqualTo(250);
            // authenticated, and still nothing leaves the lab's domains
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<someone@example.org>").code()).isEqualTo(554);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
            SmtpAbortedSessionsTest.awaitTrue(() -> server.sessions.open() == 0);
            assertThat(logs.messages("postfix/submission/smtpd"))
                    .anyMatch(l -> l.startsWith("NOQUEUE: reject: MAIL from ")
                            && l.contains("530 5.7.0 Authentication required; from=<alice@example.local>"))
                    .anyMatch(l -> l.contains(": client=") && l.endsWith(", sasl_username=alice"));
        }
        assertThat(server.messages("test"))
                .anySatisfy(m -> assertThat(m).contains("Subject: submitted").contains(") with ESMTPSA id "));
        assertThat(server.counter("maillab.smtp.rejected", "reason", "auth_required"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFailedAuthIsAnsweredAsOnPort25() throws Exception {
        try (SmtpConnection c = inTls()) {
            c.command("EHLO client.example.local");
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0wrong")).toString())
                    .isEqualTo("535 5.7.8 Error: authentication failed");
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(530);
        }
    }

    @Test
    void withoutTlsThereIsNeitherSubmissionNorSmtps() throws Exception {
        SmtpProperties asked =
                TestProperties.bind(SmtpProperties.class, Map.of("port", 0, "submission-port", 0, "smtps-port", 0));
        SmtpServer plain = new SmtpServer(
                asked,
                SmtpServer.Parts.of(
                        server.users,
                        new InMemoryMailStore(),
                        size -> true,
                        new SystemReverseResolver(),
                        new SimpleMeterRegistry()));
        plain.start();
        try {
            assertThat(plain.services()).containsExactly(SmtpService.SMTP);
            assertThat(plain.port(SmtpService.SUBMISSION)).isEqualTo(-1);
            assertThat(plain.port(SmtpService.SMTPS)).isEqualTo(-1);
            assertThat(plain.isRunning()).isTrue();
        } finally {
            plain.stop();
        }
    }

    @Test
    void port25StillTakesMailFromAnyoneWithoutTlsOrAuth() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            assertThat(c.sendMail("someone@example.org", List.of("bob@example.local"), "Subject: on 25\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("bob")).anySatisfy(m -> assertThat(m).contains("Subject: on 25"));
    }
}
