package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.maillab.mailserver.tls.CaTrust;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.mailserver.tls.TlsProperties;
import dev.maillab.testkit.LogCapture;
import dev.maillab.testkit.Pop3Connection;
import dev.maillab.testkit.TestProperties;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * POP3S (RFC 8314): the same POP3 session inside TLS from connect, the lab CA's certificate, no STLS; a client that
 * does not finish the handshake within the command deadline is closed; the connection slots are POP3's.
 */
class Pop3sTest {

    /** maillab.pop3.command-deadline of this class's server: also the bound of each handshake. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** The lab CA and server key store the SMTP tests use too (target/test-tls). */
    private static final TlsProperties TLS = TestProperties.bind(
            TlsProperties.class,
            Map.of("directory", Path.of("target", "test-tls").toAbsolutePath()));

    @TempDir
    static Path dir;

    static Pop3TestServer pop3;
    static SSLContext labCa;

    @BeforeAll
    static void start() throws Exception {
        pop3 = new Pop3TestServer(
                dir,
                Map.of("pop3s-port", 0, "command-deadline", DEADLINE.toMillis() + "ms"),
                ServerTlsContext.create(TLS, "mail.example.local"));
        labCa = CaTrust.trusting(ServerTlsContext.caPem(TLS));
    }

    @AfterAll
    static void stop() {
        pop3.close();
    }

    private static Pop3Connection pop3s() throws IOException {
        return pop3s(pop3);
    }

    private static Pop3Connection pop3s(Pop3TestServer on) throws IOException {
        Pop3Connection c = new Pop3Connection(on.pop3sPort());
        c.handshake(labCa, "localhost");
        return c;
    }

    @Test
    void userPassListRetrInsideTlsWithoutStls() throws Exception {
        String uid = pop3.deliver("alice", "Subject: pop3s\r\n\r\nread over 995\r\n");
        try (Pop3Connection c = pop3s()) {
            assertThat(c.isTls()).isTrue();
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.command("CAPA")).startsWith("+OK");
            assertThat(c.readMultiLine()).contains("USER", "UIDL").doesNotContain("STLS");
            assertThat(c.command("STLS")).isEqualTo("-ERR TLS is already active");
            assertThat(c.login("alice", "password")).isEqualTo("+OK Logged in.");
            assertThat(c.command("LIST")).startsWith("+OK 1 ");
            assertThat(c.readMultiLine()).hasSize(1);
            assertThat(c.command("UIDL 1")).isEqualTo("+OK 1 " + uid);
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(new String(c.readBody(), StandardCharsets.ISO_8859_1))
                    .contains("Subject: pop3s")
                    .endsWith("read over 995\r\n");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        for (int i = 0; i < 200 && filesIn("alice", "cur") != 1; i++) {
            Thread.sleep(25); // QUIT's moves happen as the reply goes out
        }
        assertThat(filesIn("alice", "cur")).isEqualTo(1);
    }

    private static int filesIn(String user, String sub) {
        try {
            return pop3.files(user, sub).size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void aClientThatNeverStartsTheHandshakeIsClosedAtTheDeadline() throws Exception {
        try (LogCapture logs = new LogCapture();
                Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", pop3.pop3sPort()));
            silent.setSoTimeout(20_000);
            long started = System.nanoTime();
            byte[] heard = silent.getInputStream().readAllBytes();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(new String(heard, StandardCharsets.ISO_8859_1)).doesNotContain("+OK");
            assertThat(took).isBetween(DEADLINE.minusMillis(200), DEADLINE.plusSeconds(4));
            Pop3TlsTest.awaitLine(logs, "handshake timed out");
        }
    }

    @Test
    void commandsInClearGetNoAnswerInClear() throws Exception {
        try (LogCapture logs = new LogCapture();
                Pop3Connection c = new Pop3Connection(pop3.pop3sPort())) {
            c.send("USER test\r\nPASS password\r\nSTAT\r\n");
            assertThat(c.closedByServer()).isTrue();
            List<String> lines = Pop3TlsTest.awaitLine(logs, "not a TLS record").stream()
                    .map(e -> e.getFormattedMessage())
                    .toList();
            assertThat(lines).noneMatch(l -> l.contains("Logged in") || l.contains("user=<test>"));
        }
    }

    @Test
    void pop3AndPop3sShareTheConnectionSlots(@TempDir Path own) throws Exception {
        try (Pop3TestServer limited = new Pop3TestServer(
                        own,
                        Map.of("pop3s-port", 0, "max-connections-per-client", 2),
                        ServerTlsContext.create(TLS, "mail.example.local"));
                Pop3Connection plain = new Pop3Connection(limited.port());
                Pop3Connection secure = pop3s(limited)) {
            assertThat(plain.readLine()).startsWith("+OK");
            assertThat(secure.readLine()).startsWith("+OK");
            try (Pop3Connection third = pop3s(limited)) {
                // refused at connect, and told so inside TLS: nothing of POP3 is ever said in clear there
                assertThat(third.readLine()).startsWith("-ERR [SYS/TEMP] Too many connections from your address");
                assertThat(third.closedByServer()).isTrue();
            }
            try (Pop3Connection fourth = new Pop3Connection(limited.port())) {
                assertThat(fourth.readLine()).startsWith("-ERR [SYS/TEMP] Too many connections from your address");
            }
        }
    }

    @Test
    void withoutTlsThereIsNoPop3s(@TempDir Path own) throws Exception {
        try (Pop3TestServer plain = new Pop3TestServer(own, Map.of("pop3s-port", 0), null)) {
            assertThat(plain.pop3sPort()).isEqualTo(-1);
            assertThat(plain.port()).isPositive();
        }
    }

    @Test
    void jakartaMailReadsOverPop3s() throws Exception {
        pop3.deliver("bob", "Subject: jakarta pop3s\r\n\r\nhi\r\n");
        Properties p = new Properties();
        p.put("mail.pop3s.host", "127.0.0.1");
        p.put("mail.pop3s.port", String.valueOf(pop3.pop3sPort()));
        p.put("mail.pop3s.ssl.socketFactory", labCa.getSocketFactory());
        p.put("mail.pop3s.ssl.checkserveridentity", "true");
        Store store = Session.getInstance(p).getStore("pop3s");
        store.connect("bob", "password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessages()).extracting(m -> m.getSubject()).contains("jakarta pop3s");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    /** Python's poplib.POP3_SSL, verifying the certificate against the lab CA. */
    @Test
    void pythonPoplibReadsOverPop3s() throws Exception {
        assumeThat(onPath("python3")).as("python3 on PATH").isTrue();
        pop3.deliver("test", "Subject: python pop3s\r\n\r\nfrom poplib\r\n");
        String script = String.join(
                "\n",
                "import poplib, ssl, sys",
                "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                "p = poplib.POP3_SSL('127.0.0.1', int(sys.argv[2]), context=ctx)",
                "p.user('test')",
                "p.pass_('password')",
                "count, size = p.stat()",
                "for i in range(1, count + 1):",
                "    print(b'\\n'.join(p.retr(i)[1]).decode('latin-1'))",
                "p.quit()");
        Process python = new ProcessBuilder(
                        "python3",
                        "-c",
                        script,
                        ServerTlsContext.caPem(TLS).toString(),
                        String.valueOf(pop3.pop3sPort()))
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("Subject: python pop3s").contains("from poplib");
    }

    private static boolean onPath(String program) {
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
