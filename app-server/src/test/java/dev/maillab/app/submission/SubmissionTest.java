package dev.maillab.app.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.app.compose.MailRequest;
import dev.maillab.app.config.AppProperties;
import dev.maillab.app.send.MailRejectedException;
import dev.maillab.app.send.MailServerUnavailableException;
import dev.maillab.app.send.MailService;
import dev.maillab.app.send.SendReceipt;
import dev.maillab.app.send.SendReport;
import dev.maillab.app.testsupport.AppSettings;
import dev.maillab.app.testsupport.ScriptableSmtpServer;
import dev.maillab.labservers.LabServers;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.mailserver.tls.TlsProperties;
import dev.maillab.testkit.LogCapture;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submission on the lab's real smtp-server over real sockets: its submission port with STARTTLS (the certificate
 * checked against the lab CA and the MX host's name) and AUTH, the MX found through the lab's real dns-server. No
 * fallback host unless a test sets one, so each delivery found its way through DNS.
 */
@Timeout(120)
class SubmissionTest {

    @RegisterExtension
    static final LabServers LAB = new LabServers();

    @TempDir
    Path tmp;

    private final List<SendReport> reports = new ArrayList<>();

    private Map<String, Object> submitting(String user, String password) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("resolver", LAB.resolver());
        s.put("smtp-port", LAB.smtpPort());
        s.put("retry.max-attempts", 1);
        s.put("submission.username", user);
        s.put("submission.password", password);
        s.put("submission.port", LAB.submissionPort());
        s.put("submission.ca-file", LAB.caPem().toString());
        return s;
    }

    private SendReceipt send(Map<String, Object> settings, String... to) {
        AppProperties props = AppSettings.of(settings);
        return MailService.standalone(props, reports::add)
                .send(
                        new MailRequest(null, List.of(to), List.of(), "submitted", "hello", List.of()),
                        SendReport.Source.COMMAND);
    }

    private static List<MimeMessage> delivered(String user) throws Exception {
        Path dir = LAB.maildir(user).resolve("new");
        List<MimeMessage> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    all.add(new MimeMessage(Session.getInstance(new Properties()), in));
                }
            }
        }
        return all;
    }

    @Test
    void authenticatesOnTheSubmissionPortAndTheMailArrivesWithEsmtpsa() throws Exception {
        SendReceipt receipt = send(submitting("extra1", "password"), "extra1@example.local");

        int port = LAB.submissionPort();
        assertThat(receipt.relay()).isEqualTo("mail.example.local[127.0.0.1]:" + port);
        assertThat(receipt.reply()).startsWith("250");
        List<MimeMessage> got = delivered("extra1");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getMessageID()).isEqualTo(receipt.messageId());
        // RFC 3848: ESMTP with TLS (S) and an authenticated client (A)
        assertThat(got.get(0).getHeader("Received")[0]).contains("with ESMTPSA");
        // the app.send event's relay is the submission port
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.relay().port()).isEqualTo(port);
            assertThat(r.relay().name()).isEqualTo("mail.example.local");
            assertThat(r.error()).isNull();
        });
    }

    @Test
    void recipientsInBothLabDomainsGoToTheSendersOwnServerWhichTakesThemAll() throws Exception {
        // the sender is app@example.local: its domain's MX takes the message, whatever the recipients' domains
        SendReceipt receipt = send(submitting("extra3", "password"), "bob@example.test", "extra3@example.local");

        assertThat(receipt.relay()).isEqualTo("mail.example.local[127.0.0.1]:" + LAB.submissionPort());
        assertThat(receipt.recipients()).containsExactly("bob@example.test", "extra3@example.local");
        assertThat(receipt.reply()).startsWith("250");
        // the local one is delivered; the other is in the server's queue for mail.example.test (relayed by MX)
        assertThat(delivered("extra3"))
                .singleElement()
                .satisfies(m -> assertThat(m.getMessageID()).isEqualTo(receipt.messageId()));
    }

    @Test
    void aCaFileThatAppearsAfterTheStartIsUsedAndABrokenReplacementKeepsTheLastGoodOne() throws Exception {
        Path ca = tmp.resolve("later/ca.pem");
        Map<String, Object> settings = submitting("alice", "password");
        settings.put("submission.ca-file", ca.toString());
        AppProperties props = AppSettings.of(settings);
        MailService service = MailService.standalone(props, reports::add);
        MailRequest request = new MailRequest(null, List.of("alice@example.local"), List.of(), "ca", "x", List.of());

        // the lab CA is not there yet (smtp-server writes it on its first start): nothing is sent, the reason named
        assertThatThrownBy(() -> service.send(request, SendReport.Source.COMMAND))
                .isInstanceOfSatisfying(
                        MailServerUnavailableException.class,
                        e -> assertThat(e.reply()).contains(ca + " does not exist (yet"));
        assertThat(delivered("alice")).isEmpty();

        Files.createDirectories(ca.getParent());
        Files.copy(LAB.caPem(), ca);
        assertThat(service.send(request, SendReport.Source.COMMAND).reply()).startsWith("250");

        Files.writeString(ca, "not a certificate\n");
        assertThat(service.send(request, SendReport.Source.COMMAND).reply()).startsWith("250");
        assertThat(delivered("alice")).hasSize(2);
    }

    @Test
    void thePasswordFileServesAsWell() throws Exception {
        Path secret = Files.writeString(tmp.resolve("password"), "password\n");
        Map<String, Object> settings = submitting("extra2", null);
        settings.remove("submission.password");
        settings.put("submission.password-file", secret.toString());

        send(settings, "extra2@example.local");

        assertThat(delivered("extra2"))
                .singleElement()
                .satisfies(m -> assertThat(m.getHeader("Received")[0]).contains("with ESMTPSA"));
    }

    @Test
    void aWrongPasswordIsRefusedOnceWithTheServers535AndNothingIsDelivered() throws Exception {
        String wrong = "not-the-password-4711";
        Map<String, Object> settings = submitting("extra3", wrong);
        settings.put("retry.max-attempts", 3); // a 535 is final: not retried

        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> send(settings, "extra3@example.local"))
                    .isInstanceOfSatisfying(MailRejectedException.class, e -> {
                        assertThat(e.reply()).startsWith("535 5.7.8");
                        assertThat(e.getMessage())
                                .startsWith("authentication as extra3 refused by mail.example.local[127.0.0.1]:"
                                        + LAB.submissionPort() + ": 535")
                                .doesNotContain(wrong);
                    });
            assertThat(logs.events())
                    .extracting(ev -> ev.getFormattedMessage())
                    .isNotEmpty()
                    .noneMatch(line -> line.contains(wrong));
        }
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.reply()).startsWith("535");
            assertThat(r.toString()).doesNotContain(wrong);
        });
        assertThat(delivered("extra3")).isEmpty();
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefusedAndNothingIsSent() throws Exception {
        TlsProperties other = new TlsProperties(true, tmp.resolve("other-ca"), List.of(), "changeit");
        ServerTlsContext.create(other, "mail.example.local");
        Map<String, Object> settings = submitting("extra4", "password");
        settings.put("submission.ca-file", ServerTlsContext.caPem(other).toString());

        assertThatThrownBy(() -> send(settings, "extra4@example.local"))
                .isInstanceOfSatisfying(
                        MailServerUnavailableException.class,
                        e -> assertThat(e.reply())
                                .startsWith("STARTTLS with mail.example.local[127.0.0.1]:" + LAB.submissionPort()
                                        + " failed: PKIX path validation failed")
                                .endsWith("(its certificate must chain to a CA in " + ServerTlsContext.caPem(other)
                                        + " and name mail.example.local)"));
        assertThat(delivered("extra4")).isEmpty();
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefusedThoughItChainsToTheCa() throws Exception {
        // no MX for this domain: the fallback host, whose name (ns.example.local, 127.0.0.1 on one machine) is not
        // in the certificate; 127.0.0.1 is, so this fails only because the name DNS gave is the one checked
        Map<String, Object> settings = submitting("extra5", "password");
        settings.put("fallback-host", "ns.example.local");
        // submitting, the sender's domain is routed: one without MX leads to the fallback host
        settings.put("from", "app@nomx.example.local");

        assertThatThrownBy(() -> send(settings, "extra5@nomx.example.local"))
                .isInstanceOfSatisfying(
                        MailServerUnavailableException.class,
                        e -> assertThat(e.reply())
                                .startsWith("STARTTLS with ns.example.local[127.0.0.1]:" + LAB.submissionPort()
                                        + " failed: No subject alternative DNS name matching ns.example.local"));
        assertThat(reports)
                .singleElement()
                .satisfies(r -> assertThat(r.relay().name()).isEqualTo("ns.example.local"));
    }

    @Test
    void aServerWithoutStartTlsGetsNothingNotEvenTheLogin() {
        try (ScriptableSmtpServer clear = new ScriptableSmtpServer()) {
            Map<String, Object> settings = submitting("extra1", "password");
            settings.put("fallback-host", "127.0.0.1:" + clear.port());
            // submitting, the sender's domain is routed: one without MX leads to the fallback host
            settings.put("from", "app@nomx.example.local");

            assertThatThrownBy(() -> send(settings, "extra1@nomx.example.local"))
                    .isInstanceOfSatisfying(
                            MailServerUnavailableException.class,
                            e -> assertThat(e.reply()).contains("STARTTLS is required"));
            assertThat(clear.dataCommands()).isZero();
            assertThat(clear.accepted()).isEmpty();
        }
    }

    @Test
    void aServerThatOffersNoAuthAfterStartTlsGetsNoMail() throws Exception {
        // STARTTLS with a certificate for 127.0.0.1 from a CA of this test's own, and no AUTH at all
        TlsProperties ca = new TlsProperties(true, tmp.resolve("ca"), List.of("127.0.0.1"), "changeit");
        try (ScriptableSmtpServer noAuth = new ScriptableSmtpServer(ServerTlsContext.create(ca, "mx.test"))) {
            Map<String, Object> settings = submitting("extra1", "password");
            settings.put("fallback-host", "127.0.0.1:" + noAuth.port());
            // submitting, the sender's domain is routed: one without MX leads to the fallback host
            settings.put("from", "app@nomx.example.local");
            settings.put("submission.ca-file", ServerTlsContext.caPem(ca).toString());

            assertThatThrownBy(() -> send(settings, "extra1@nomx.example.local"))
                    .isInstanceOfSatisfying(
                            MailServerUnavailableException.class,
                            e -> assertThat(e.reply())
                                    .contains("127.0.0.1[127.0.0.1]:" + noAuth.port()
                                            + " offers no AUTH after STARTTLS: not sending unauthenticated as extra1"));
            assertThat(noAuth.dataCommands()).isZero();
            assertThat(noAuth.accepted()).isEmpty();
        }
    }

    @Test
    void withoutAUsernameItSendsToPort25WithoutTlsOrAuthAsBefore() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("resolver", LAB.resolver());
        settings.put("smtp-port", LAB.smtpPort());
        settings.put("submission.port", LAB.submissionPort()); // not used without a username

        SendReceipt receipt = send(settings, "test@example.local");

        assertThat(receipt.relay()).isEqualTo("mail.example.local[127.0.0.1]:" + LAB.smtpPort());
        MimeMessage got = delivered("test").stream()
                .filter(m -> {
                    try {
                        return receipt.messageId().equals(m.getMessageID());
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(got.getHeader("Received")[0]).contains("with ESMTP ").doesNotContain("ESMTPS");
    }
}
