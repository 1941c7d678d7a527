package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Odd octets and odd parameters get a protocol-correct reply, and the session goes on. */
class SmtpHostileInputTest extends SmtpServerPerClass {

    private static SmtpConnection greeted() throws Exception {
        SmtpConnection c = server.connect();
        c.greeting();
        c.command("EHLO client");
        return c;
    }

    /** Writes raw octets (a whole line with its end) and reads the reply. */
    private static SmtpConnection.Reply raw(SmtpConnection c, byte[] line) throws Exception {
        c.write(line);
        return c.read();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertUsable(SmtpConnection c) throws Exception {
        assertThat(c.sendMail("a@example.local", List.of("test@example.local"), "Subject: usable\r\n\r\nx\r\n")
                        .code())
                .isEqualTo(250);
    }

    @Test
    void nulBareCrBareLfAndEightBitInCommands() throws Exception {
        try (SmtpConnection c = greeted()) {
            assertThat(raw(c, bytes("NOOP\0x\r\n")).toString()).isEqualTo("500 5.5.2 Error: NUL character in command");
            assertThat(raw(c, bytes("\0ERR TIMEOUT\r\n")).code()).isEqualTo(500); // cannot pose as a marker
            assertThat(raw(c, bytes("NO\rOP\r\n")).toString()).isEqualTo("500 5.5.2 Error: bare <CR> received");
            assertThat(raw(c, bytes("NOOP\n")).code()).isEqualTo(250); // a bare LF ends a line, as in Postfix
            assertThat(raw(c, bytes("NOOP \u00e9t\u00e9\r\n")).toString()) // Latin-1, not UTF-8
                    .isEqualTo("500 5.5.2 Error: command is not valid UTF-8");
            assertThat(raw(c, "MAIL FROM:<j\u00f6rg@example.local> SMTPUTF8\r\n".getBytes(StandardCharsets.UTF_8))
                            .code())
                    .isEqualTo(250);
            assertThat(raw(c, "RSET\r\n".getBytes(StandardCharsets.UTF_8)).code())
                    .isEqualTo(250);
            assertUsable(c);
        }
    }

    @Test
    void hugeAndGarbageParameters() throws Exception {
        try (SmtpConnection c = greeted()) {
            assertThat(c.command("MAIL FROM:<a@example.local> SIZE=99999999999999999999")
                            .toString())
                    .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            assertThat(c.command("MAIL FROM:<a@example.local> SIZE=999999999999999999999")
                            .code())
                    .isEqualTo(501);
            assertThat(c.command("MAIL FROM:<a@example.local> SIZE=-1").code()).isEqualTo(501);
            assertThat(c.command("MAIL FROM:<a@example.local> BODY=").code()).isEqualTo(501);
            assertThat(c.command("MAIL FROM:<a@example.local> SMTPUTF8=yes").code())
                    .isEqualTo(501);
            assertThat(c.command("MAIL FROM:<a@example.local> " + "X".repeat(400) + "=1")
                            .toString())
                    .hasSizeLessThan(120)
                    .startsWith("555 5.5.4");
            assertThat(c.command("MAIL FROM:<a@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<" + "r".repeat(10_000) + "@example.local>")
                            .code())
                    .isEqualTo(500);
            assertThat(c.command("RCPT TO:<" + "r".repeat(300) + "@example.local>")
                            .code())
                    .isEqualTo(501);
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data("Subject: params\r\n\r\nx\r\n").code()).isEqualTo(250);
            assertThat(c.command("BDAT 10 LAST").code()).isEqualTo(502);
            assertThat(c.command("HELP").toString()).doesNotContain("\0").startsWith("214 ");
        }
    }

    @Test
    void insideTlsLongAndBadLinesAre500TooAndNothingSentBeforeTheHandshakeIsObeyed() throws Exception {
        try (SmtpConnection c = greeted()) {
            // pipelined after STARTTLS in clear: dropped, never read as a command inside TLS
            c.write(bytes("STARTTLS\r\nMAIL FROM:<injected@example.local>\r\n"));
            assertThat(c.startTlsAfter220().code()).isEqualTo(220);
            SmtpConnection.Reply ehlo = c.command("EHLO client");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).contains("AUTH PLAIN LOGIN");
            assertThat(c.command("NOOP " + "x".repeat(2000)).toString())
                    .isEqualTo("500 5.5.2 Error: command line too long");
            assertThat(raw(c, bytes("NOOP\0\r\n")).code()).isEqualTo(500);
            assertThat(c.command("MAIL FROM:<a@example.local>").code()).isEqualTo(250); // no MAIL was in progress
            assertThat(c.command("RCPT TO:<test@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data("Subject: tls lines\r\n\r\n" + "z".repeat(4000) + "\r\n")
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("test")).anySatisfy(m -> assertThat(m).contains("z".repeat(4000) + "\r\n"));
    }

    @Test
    void commandsAfterQuitAreNotAnswered() throws Exception {
        try (SmtpConnection c = greeted()) {
            c.write(bytes("QUIT\r\nNOOP\r\nMAIL FROM:<a@example.local>\r\n"));
            assertThat(c.read().code()).isEqualTo(221);
            assertThat(c.read()).isNull();
        }
    }

    @Test
    void aPipelinedBurstGetsEveryReplyInOrder() throws Exception {
        try (SmtpConnection c = greeted()) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                burst.append("NOOP ").append(i).append("\r\n");
            }
            burst.append("MAIL FROM:<a@example.local>\r\nRCPT TO:<test@example.local>\r\nDATA\r\n");
            c.write(bytes(burst.toString()));
            for (int i = 0; i < 202; i++) {
                assertThat(c.read().code()).isEqualTo(250);
            }
            assertThat(c.read().code()).isEqualTo(354);
            // the message and the commands after it in one write: the message ends exactly at its dot
            c.write(bytes("Subject: burst\r\n\r\n" + "L".repeat(5000) + "\r\n.\r\nNOOP\r\nRSET\r\n"));
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
        }
        assertThat(server.messages("test")).anySatisfy(m -> assertThat(m).contains("L".repeat(5000) + "\r\n"));
    }

    @Test
    void randomOctetsNeverBreakTheServer() throws Exception {
        Random random = new Random(42);
        for (int session = 0; session < 200; session++) {
            try (SmtpConnection c = server.connect()) {
                c.greeting();
                byte[] junk = new byte[random.nextInt(3000)];
                random.nextBytes(junk);
                c.write(junk);
                c.write(bytes("\r\nQUIT\r\n"));
                c.socket().setSoTimeout(10_000);
                SmtpConnection.Reply r;
                while ((r = c.read()) != null) {
                    assertThat(r.code()).isBetween(200, 599);
                }
            } catch (java.net.SocketException reset) {
                // the server may close first (421 after too many errors) while junk is still in flight
            }
        }
        SmtpAbortedSessionsTest.awaitTrue(() -> server.sessions.open() == 0);
        assertThat(server.sessions.open()).isZero();
        try (SmtpConnection c = greeted()) {
            assertUsable(c);
        }
    }
}
