package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.maillab.testkit.LogCapture;
import dev.maillab.testkit.Pop3Connection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STLS (RFC 2595) with a self-signed certificate made by the JDK's keytool. */
class Pop3TlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path certDir;

    @TempDir
    Path dir;

    private static KeyStore keyStore;

    /** Once per class: keytool takes seconds on a busy machine. */
    @BeforeAll
    static void makeCertificate() throws Exception {
        Path p12 = certDir.resolve("pop3.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "mail",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        p12.toString(),
                        "-storepass",
                        "changeit",
                        "-dname",
                        "CN=mail.example.local",
                        "-ext",
                        "SAN=dns:mail.example.local,ip:127.0.0.1",
                        "-validity",
                        "2")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keyStore.load(in, PASSWORD);
        }
    }

    private SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private SSLContext clientContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void stlsUpgradesTheSessionAndLoginWorksOverTls() throws Exception {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, Map.of(), serverContext())) {
            String uid = pop3.deliver("test", "Subject: secret\r\n\r\nover tls\r\n");
            try (Pop3Connection c = new Pop3Connection(pop3.port())) {
                c.readLine();
                assertThat(c.command("CAPA")).startsWith("+OK");
                assertThat(c.readMultiLine()).contains("STLS");
                assertThat(c.command("STLS")).startsWith("+OK");

                SSLSocket tls = (SSLSocket)
                        clientContext().getSocketFactory().createSocket(c.socket(), "127.0.0.1", pop3.port(), true);
                tls.startHandshake();
                assertThat(tls.getSession().getProtocol()).startsWith("TLS");
                c.use(tls);

                assertThat(c.command("CAPA")).startsWith("+OK");
                List<String> caps = c.readMultiLine();
                assertThat(caps).doesNotContain("STLS");
                assertThat(c.command("STLS")).startsWith("-ERR");
                assertThat(c.login("test", "password")).startsWith("+OK");
                assertThat(c.command("UIDL 1")).isEqualTo("+OK 1 " + uid);
                assertThat(c.command("QUIT")).startsWith("+OK");
            }
        }
    }

    private SSLSocket handshake(Pop3Connection c, int port) throws Exception {
        SSLSocket tls =
                (SSLSocket) clientContext().getSocketFactory().createSocket(c.socket(), "127.0.0.1", port, true);
        tls.startHandshake();
        c.use(tls);
        return tls;
    }

    @Test
    void commandsSentWithStlsInOnePacketAreDroppedNotObeyedInsideTls() throws Exception {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, Map.of(), serverContext())) {
            pop3.deliver("test", "Subject: secret\r\n\r\nover tls\r\n");
            try (Pop3Connection c = new Pop3Connection(pop3.port())) {
                c.readLine();
                // CVE-2011-0411: a man in the middle appends commands to the client's STLS
                c.send("STLS\r\nUSER test\r\nPASS password\r\n");
                assertThat(c.readLine()).isEqualTo("+OK Begin TLS negotiation now");
                handshake(c, pop3.port());
                // still AUTHORIZATION: neither USER nor PASS was applied, and no reply of theirs is waiting
                assertThat(c.command("STAT")).startsWith("-ERR");
                assertThat(c.command("PASS password")).isEqualTo("-ERR No username given (USER first)");
                assertThat(c.login("test", "password")).isEqualTo("+OK Logged in.");
                assertThat(c.command("STAT")).startsWith("+OK 1 ");
            }
        }
    }

    @Test
    void commandsPipelinedBehindAHeldReplyAndStlsAreDroppedToo() throws Exception {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, Map.of(), serverContext());
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            // the failed PASS holds the session (its reply is delayed); STLS and what follows wait in the buffer
            c.send("USER test\r\nPASS wrong\r\nSTLS\r\nUSER test\r\nPASS password\r\n");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("-ERR [AUTH]");
            assertThat(c.readLine()).isEqualTo("+OK Begin TLS negotiation now");
            handshake(c, pop3.port());
            assertThat(c.command("STAT")).startsWith("-ERR");
            assertThat(c.login("test", "password")).isEqualTo("+OK Logged in.");
        }
    }

    @Test
    void plaintextAfterStlsEndsTheConnectionWithOneShortLogLine() throws Exception {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, Map.of(), serverContext());
                LogCapture logs = new LogCapture();
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("STLS")).startsWith("+OK");
            c.send("USER test\r\n".repeat(4000)); // 44 000 octets that are no TLS record
            assertThat(c.closedByServer()).isTrue();
            List<ILoggingEvent> lines = awaitLine(logs, "not a TLS record");
            assertThat(lines)
                    .filteredOn(e -> e.getFormattedMessage().contains("not a TLS record"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("Disconnected (TLS failed"));
            // no stack trace, no hex dump, nothing above INFO for what a client did
            assertThat(lines).allSatisfy(e -> {
                assertThat(e.getThrowableProxy()).isNull();
                assertThat(e.getLevel().isGreaterOrEqual(Level.WARN))
                        .as(e.getFormattedMessage())
                        .isFalse();
                assertThat(e.getFormattedMessage()).hasSizeLessThan(300);
            });
        }
    }

    /** The INFO-and-above events once one contains {@code text} (logged as the connection ends). */
    static List<ILoggingEvent> awaitLine(LogCapture logs, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ILoggingEvent> events = logs.events().stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                    .toList();
            if (events.stream().anyMatch(e -> e.getFormattedMessage().contains(text))) {
                return events;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log line with " + text + " in "
                + logs.events().stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void withoutACertificateStlsIsNeitherOfferedNorAccepted() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir);
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("STLS")).startsWith("-ERR");
            assertThat(c.login("test", "password")).startsWith("+OK");
        }
    }
}
