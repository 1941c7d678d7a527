package dev.maillab.mailserver.smtp;

import static dev.maillab.testkit.SmtpConnection.base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.maillab.mailserver.tls.CaTrust;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.testkit.LogCapture;
import dev.maillab.testkit.SmtpConnection;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTPS (RFC 8314): the TLS handshake first, with the lab CA's certificate and the server's TLS policy, then
 * submission's rules without STARTTLS; a client that does not finish the handshake within the command timeout is
 * closed, and nothing is ever said in clear.
 */
class SmtpsTest {

    /** The handshake deadline of this class's server (maillab.smtp.command-timeout). */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    static SmtpTestServer server;
    static SSLContext labCa;

    @BeforeAll
    static void start() throws Exception {
        server = new SmtpTestServer(dir, Map.of("smtps-port", 0, "command-timeout", DEADLINE.toMillis() + "ms"));
        labCa = CaTrust.trusting(ServerTlsContext.caPem(SmtpTestServer.TEST_TLS));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SmtpConnection smtps(SmtpTestServer on) throws IOException {
        SmtpConnection c = on.connect(SmtpService.SMTPS);
        c.handshake(labCa, "localhost");
        return c;
    }

    @Test
    void theGreetingComesInsideTlsThenAuthBeforeMailAndTheMessageIsDelivered() throws Exception {
        try (SmtpConnection c = smtps(server)) {
            assertThat(c.isTls()).isTrue();
            assertThat(c.greeting().code()).isEqualTo(220);
            List<String> ehlo = c.command("EHLO client.example.local").lines();
            assertThat(ehlo).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(c.command("STARTTLS").toString()).isEqualTo("454 4.7.0 Error: TLS already active");
            assertThat(c.command("MAIL FROM:<bob@example.local>").toString())
                    .isEqualTo("530 5.7.0 Authentication required");
            assertThat(c.command("AUTH PLAIN " + base64("\0bob\0password")).code())
                    .isEqualTo(235);
            assertThat(c.sendMail("bob@example.local", List.of("test@example.local"), "Subject: smtps\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
        }
        assertThat(server.messages("test"))
                .anySatisfy(m -> assertThat(m).contains("Subject: smtps").contains(") with ESMTPSA id "));
    }

    @Test
    void aClientThatNeverStartsTheHandshakeIsClosedAtTheDeadline() throws Exception {
        try (LogCapture logs = new LogCapture();
                Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", server.port(SmtpService.SMTPS)));
            silent.setSoTimeout(20_000);
            long started = System.nanoTime();
            byte[] heard = silent.getInputStream().readAllBytes();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // at most the TLS alert that ends a failed handshake (record type 21), never a greeting in clear
            if (heard.length > 0) {
                assertThat(heard[0]).as("a TLS alert record").isEqualTo((byte) 21);
            }
            assertThat(took).isBetween(DEADLINE.minusMillis(200), DEADLINE.plusSeconds(4));
            SmtpAbortedSessionsTest.awaitTrue(server::holdsNothing);
            assertThat(server.holdsNothing()).isTrue();
            assertThat(logs.messages("postfix/smtps/smtpd"))
                    .anyMatch(l -> l.startsWith("SSL_accept error from ") && l.endsWith(": timeout"))
                    .anyMatch(l -> l.startsWith("timeout after CONNECT from "))
                    .anyMatch(l -> l.startsWith("disconnect from "));
        }
    }

    @Test
    void aHandshakeDrippedOctetByOctetIsCutAtTheSameDeadline() throws Exception {
        try (Socket drip = new Socket()) {
            drip.connect(new InetSocketAddress("127.0.0.1", server.port(SmtpService.SMTPS)));
            OutputStream out = drip.getOutputStream();
            // a TLS handshake record header announcing 512 octets, then one octet at a time
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
            long started = System.nanoTime();
            boolean cut = false;
            while (System.nanoTime() - started < DEADLINE.plusSeconds(8).toNanos()) {
                try {
                    out.write(0x01);
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(cut).as("the server closed the connection").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plusSeconds(6));
        }
        SmtpAbortedSessionsTest.awaitTrue(server::holdsNothing);
        assertThat(server.holdsNothing()).isTrue();
    }

    @Test
    void smtpCommandsInClearGetNoAnswerInClear() throws Exception {
        try (LogCapture logs = new LogCapture();
                Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", server.port(SmtpService.SMTPS)));
            plain.setSoTimeout(10_000);
            plain.getOutputStream()
                    .write("EHLO client.example.local\r\nMAIL FROM:<a@example.local>\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String heard = new String(readUntilClosed(plain.getInputStream()), StandardCharsets.ISO_8859_1);

            assertThat(heard).doesNotContain("220").doesNotContain("250").doesNotContain("530");
            SmtpAbortedSessionsTest.awaitTrue(server::holdsNothing);
            assertThat(logs.messages("postfix/smtps/smtpd"))
                    .anyMatch(l -> l.startsWith("SSL_accept error from "))
                    .anyMatch(l -> l.startsWith("lost connection after CONNECT from "))
                    .noneMatch(l -> l.contains("MAIL"));
        }
        assertThat(server.holdsNothing()).isTrue();
    }

    /** What arrives before the server closes (a TLS alert, perhaps); a reset counts as closed. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                heard.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // reset by the server
        }
        return heard.toByteArray();
    }

    @Test
    void theConnectionLimitsCountTheSessionsOfEveryListener(@TempDir Path own) throws Exception {
        try (SmtpTestServer limited = new SmtpTestServer(
                        own, Map.of("submission-port", 0, "smtps-port", 0, "max-connections-per-client", 2));
                SmtpConnection onPort25 = limited.connect();
                SmtpConnection onSubmission = limited.connect(SmtpService.SUBMISSION)) {
            assertThat(onPort25.greeting().code()).isEqualTo(220);
            assertThat(onSubmission.greeting().code()).isEqualTo(220);
            try (LogCapture logs = new LogCapture();
                    SmtpConnection third = smtps(limited)) {
                // refused inside TLS: the refusal, too, is never said in clear
                assertThat(third.greeting().toString()).startsWith("421 4.7.0 ").contains("too many connections from");
                assertThat(logs.messages("postfix/smtps/smtpd"))
                        .anyMatch(l -> l.startsWith("Connection concurrency limit exceeded: 2 from one address")
                                && l.endsWith(" for service smtps"));
            }
        }
    }

    @Test
    void jakartaMailSendsOverSmtps() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtps.host", "127.0.0.1");
        p.put("mail.smtps.port", String.valueOf(server.port(SmtpService.SMTPS)));
        p.put("mail.smtps.ssl.socketFactory", labCa.getSocketFactory());
        p.put("mail.smtps.ssl.checkserveridentity", "true");
        p.put("mail.smtps.auth", "true");
        p.put("mail.smtps.localhost", "app-server.example.local");
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("test@example.local"));
        message.setSubject("jakarta over smtps");
        message.setText("implicit TLS\n");
        try (Transport transport = session.getTransport("smtps")) {
            transport.connect("alice", "password");
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertThat(server.messages("test"))
                .anySatisfy(m -> assertThat(m)
                        .contains("Subject: jakarta over smtps")
                        .contains("Received: from app-server.example.local (")
                        .contains("with ESMTPSA"));
    }

    /** Python's smtplib.SMTP_SSL, verifying the certificate against the lab CA, as a user's script would. */
    @Test
    void pythonSmtplibSendsOverSmtps() throws Exception {
        assumeThat(onPath("python3")).as("python3 on PATH").isTrue();
        String script = String.join(
                "\n",
                "import smtplib, ssl, sys",
                "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                "s = smtplib.SMTP_SSL('127.0.0.1', int(sys.argv[2]), context=ctx)",
                "s.login('alice', 'password')",
                "s.sendmail('alice@example.local', ['test@example.local'],"
                        + " 'Subject: python smtps\\r\\n\\r\\nfrom smtplib\\r\\n')",
                "s.quit()");
        Process python = new ProcessBuilder(
                        "python3",
                        "-c",
                        script,
                        ServerTlsContext.caPem(SmtpTestServer.TEST_TLS).toString(),
                        String.valueOf(server.port(SmtpService.SMTPS)))
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(server.messages("test"))
                .anySatisfy(m -> assertThat(m).contains("Subject: python smtps").contains("with ESMTPSA"));
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
