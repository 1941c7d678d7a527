package dev.maillab.mailserver.pop3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.testkit.LogCapture;
import dev.maillab.testkit.Pop3Connection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 1939 over a socket, against Maildir files written by the delivery side. */
class Pop3ServerTest {

    static final String RETURN_PATH = "Return-Path: <app@example.local>\r\n";
    static final String ONE = "From: app@example.local\r\nTo: test@example.local\r\nSubject: one\r\n\r\n"
            + "line 1\r\n.leading dot\r\n..two dots\r\n.\r\nlast\r\n";
    static final String TWO = "From: app@example.local\r\nSubject: two\r\n\r\nsecond\r\n";

    @TempDir
    Path dir;

    Pop3TestServer pop3;
    String uid1;
    String uid2;

    @BeforeEach
    void start() throws IOException {
        pop3 = new Pop3TestServer(dir);
        uid1 = pop3.deliver("test", ONE);
        uid2 = pop3.deliver("test", TWO);
    }

    @AfterEach
    void stop() {
        pop3.close();
    }

    private Pop3Connection loggedIn() throws IOException {
        Pop3Connection c = new Pop3Connection(pop3.port());
        assertThat(c.readLine()).startsWith("+OK");
        assertThat(c.login("test", "password")).startsWith("+OK");
        return c;
    }

    private static long size(String message) {
        return (RETURN_PATH + message).getBytes(ISO_8859_1).length;
    }

    @Test
    void aStoppedServerRefusesConnectionsAtOnceAndItsPortCanBeBoundAgain() throws IOException {
        int port = pop3.port();
        pop3.server.stop();
        // no wait: stop returns once the listening socket is closed
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void greetingAndCapabilitiesFollowRfc2449() throws IOException {
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            // no APOP timestamp: APOP is off by default, and a timestamp makes mpop and s-nail insist on it
            assertThat(c.readLine()).isEqualTo("+OK mail.example.local maillab POP3 server ready");
            assertThat(c.command("CAPA")).startsWith("+OK");
            // before login: what the session will offer (Jakarta Mail reads CAPA only now), no STLS without a
            // certificate
            assertThat(c.readMultiLine())
                    .containsExactly(
                            "TOP",
                            "UIDL",
                            "RESP-CODES",
                            "AUTH-RESP-CODE",
                            "PIPELINING",
                            "USER",
                            "SASL PLAIN",
                            "IMPLEMENTATION maillab");
            assertThat(c.login("test", "password")).isEqualTo("+OK Logged in.");
            assertThat(c.command("CAPA")).startsWith("+OK");
            assertThat(c.readMultiLine())
                    .containsExactly(
                            "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "IMPLEMENTATION maillab");
            assertThat(c.command("QUIT")).isEqualTo("+OK maillab POP3 server signing off");
        }
    }

    @Test
    void statAndListReportCrlfExactSizesFromTheFileNames() throws IOException {
        try (Pop3Connection c = loggedIn()) {
            long s1 = size(ONE);
            long s2 = size(TWO);
            assertThat(c.command("STAT")).isEqualTo("+OK 2 " + (s1 + s2));
            assertThat(c.command("LIST")).startsWith("+OK 2 " + (s1 + s2));
            assertThat(c.readMultiLine()).containsExactly("1 " + s1, "2 " + s2);
            assertThat(c.command("LIST 2")).isEqualTo("+OK 2 " + s2);
            assertThat(c.command("LIST 3")).startsWith("-ERR");
            assertThat(c.command("LIST x")).startsWith("-ERR");
            for (Path f : pop3.files("test", "new")) {
                assertThat(Files.size(f)).isIn(s1, s2);
            }
        }
    }

    @Test
    void retrSendsTheStoredOctetsDotStuffedAndCountsThem() throws IOException {
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("RETR 1")).startsWith("+OK");
            List<String> raw = c.readMultiLine();
            assertThat(raw).contains("..leading dot", "...two dots", "..");
            byte[] body = Pop3Connection.unstuff(raw);
            assertThat(body).isEqualTo((RETURN_PATH + ONE).getBytes(ISO_8859_1));
            assertThat((long) body.length).isEqualTo(size(ONE));
            assertThat(c.command("NOOP")).startsWith("+OK");
        }
        assertThat(pop3.counter("pop3.retrieved.messages")).isEqualTo(1.0);
        assertThat(pop3.counter("pop3.retrieved.bytes")).isEqualTo(size(ONE));
    }

    @Test
    void topGivesTheHeadersAndTheRequestedBodyLines() throws IOException {
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("TOP 1 0")).startsWith("+OK");
            assertThat(new String(c.readBody(), ISO_8859_1))
                    .isEqualTo(
                            RETURN_PATH + "From: app@example.local\r\nTo: test@example.local\r\nSubject: one\r\n\r\n");
            assertThat(c.command("TOP 1 2")).startsWith("+OK");
            assertThat(new String(c.readBody(), ISO_8859_1)).endsWith("\r\n\r\nline 1\r\n.leading dot\r\n");
            assertThat(c.command("TOP 1")).startsWith("-ERR");
            assertThat(c.command("TOP 9 0")).startsWith("-ERR");
        }
    }

    @Test
    void uidlIsTheMaildirBaseNameAndStaysTheSameAcrossSessions() throws IOException {
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("UIDL")).startsWith("+OK");
            assertThat(c.readMultiLine()).containsExactly("1 " + uid1, "2 " + uid2);
            assertThat(c.command("UIDL 2")).isEqualTo("+OK 2 " + uid2);
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        // RETR + QUIT moved message 1 to cur/ as seen; its UIDL did not change
        assertThat(pop3.files("test", "cur"))
                .extracting(p -> p.getFileName().toString())
                .singleElement()
                .asString()
                .startsWith(uid1 + ",")
                .endsWith(":2,S");
        assertThat(pop3.files("test", "new"))
                .extracting(p -> p.getFileName().toString())
                .singleElement()
                .asString()
                .startsWith(uid2 + ",");
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("UIDL")).startsWith("+OK");
            assertThat(c.readMultiLine()).containsExactly("1 " + uid1, "2 " + uid2);
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(Pop3Connection.unstuff(c.readMultiLine())).isEqualTo((RETURN_PATH + ONE).getBytes(ISO_8859_1));
        }
    }

    @Test
    void deleIsAppliedOnlyAtQuitAndRsetUndoesIt() throws IOException {
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("DELE 1")).startsWith("-ERR");
            assertThat(c.command("RETR 1")).startsWith("-ERR");
            assertThat(c.command("STAT")).isEqualTo("+OK 1 " + size(TWO));
            assertThat(pop3.files("test", "new")).hasSize(2);
            assertThat(c.command("RSET")).startsWith("+OK");
            assertThat(c.command("STAT")).isEqualTo("+OK 2 " + (size(ONE) + size(TWO)));
            assertThat(c.command("DELE 2")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK maillab POP3 server signing off");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(pop3.files("test", "new"))
                .extracting(p -> p.getFileName().toString())
                .singleElement()
                .asString()
                .startsWith(uid1 + ",");
    }

    @Test
    void aSessionThatDropsWithoutQuitChangesNothing() throws IOException {
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("DELE 2")).startsWith("+OK");
        } // socket closed, no QUIT
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("STAT")).isEqualTo("+OK 2 " + (size(ONE) + size(TWO)));
        }
        assertThat(pop3.files("test", "new")).hasSize(2);
        assertThat(pop3.files("test", "cur")).isEmpty();
    }

    @Test
    void quitBeforeLoginSignsOffWithoutTouchingMail() throws IOException {
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        assertThat(pop3.files("test", "new")).hasSize(2);
    }

    @Test
    void deliveryDuringASessionDoesNotChangeItsSnapshot() throws IOException {
        try (Pop3Connection c = loggedIn()) {
            String uid3 = pop3.deliver("test", "Subject: three\r\n\r\nthird\r\n");
            assertThat(c.command("STAT")).startsWith("+OK 2 ");
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
            try (Pop3Connection d = loggedIn()) {
                assertThat(d.command("UIDL")).startsWith("+OK");
                assertThat(d.readMultiLine()).containsExactly("1 " + uid2, "2 " + uid3);
            }
        }
    }

    @Test
    void concurrentSessionsOnOneMaildropSkipWhatTheOtherRemoved() throws IOException {
        try (Pop3Connection a = loggedIn();
                Pop3Connection b = loggedIn()) {
            // a shows message 2 (moving it to cur/ at QUIT) and deletes message 1
            assertThat(a.command("RETR 2")).startsWith("+OK");
            a.readMultiLine();
            assertThat(a.command("DELE 1")).startsWith("+OK");
            assertThat(a.command("QUIT")).startsWith("+OK");
            assertThat(a.closedByServer()).isTrue();

            // b still has its snapshot: message 1 is gone, message 2 is found where a moved it
            assertThat(b.command("STAT")).startsWith("+OK 2 ");
            assertThat(b.command("RETR 1")).startsWith("-ERR");
            assertThat(b.command("RETR 2")).startsWith("+OK");
            assertThat(Pop3Connection.unstuff(b.readMultiLine())).isEqualTo((RETURN_PATH + TWO).getBytes(ISO_8859_1));
            assertThat(b.command("DELE 1")).startsWith("+OK");
            assertThat(b.command("QUIT")).startsWith("+OK");
        }
        assertThat(pop3.files("test", "new")).isEmpty();
        assertThat(pop3.files("test", "cur")).hasSize(1);
    }

    @Test
    void badInputGetsErrAndTheSessionGoesOn() throws IOException {
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("STAT")).startsWith("-ERR");
            assertThat(c.command("RETR 1")).startsWith("-ERR");
            assertThat(c.command("PASS password")).startsWith("-ERR");
            assertThat(c.command("HELO there")).startsWith("-ERR");
            assertThat(c.command("")).startsWith("-ERR");
            assertThat(c.login("test", "password")).startsWith("+OK");
            assertThat(c.command("RETR 0")).isEqualTo("-ERR No such message");
            assertThat(c.command("RETR -1")).isEqualTo("-ERR No such message");
            assertThat(c.command("top 0 1")).isEqualTo("-ERR No such message");
            assertThat(c.command("RETR one")).startsWith("-ERR");
            assertThat(c.command("RETR 99999999999")).startsWith("-ERR");
            assertThat(c.command("DELE")).startsWith("-ERR");
            assertThat(c.command("USER alice")).startsWith("-ERR");
            assertThat(c.command("stat")).startsWith("+OK 2 ");
        }
    }

    @Test
    void garbageArgumentsAndWrongStatesGetAnErrWithAReasonAndNoStackTrace() throws IOException {
        try (LogCapture logs = new LogCapture();
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            for (String before : List.of("STAT", "LIST 1", "RETR 1", "DELE 1", "UIDL", "TOP 1 1", "NOOP", "RSET")) {
                assertThat(c.command(before)).as(before).isEqualTo("-ERR Log in first (USER and PASS, APOP or AUTH)");
            }
            assertThat(c.command("PASS password")).isEqualTo("-ERR No username given (USER first)");
            assertThat(c.command("USER")).isEqualTo("-ERR Usage: USER name");
            assertThat(c.command("RE\0TR 1")).isEqualTo("-ERR NUL octet in the command line");
            assertThat(c.command("RETR\u00e9 1")).isEqualTo("-ERR Unknown command: RETR?");
            assertThat(c.command("STLS")).isEqualTo("-ERR Unknown command: STLS"); // no certificate here
            assertThat(c.command("X".repeat(100))).isEqualTo("-ERR Unknown command: " + "X".repeat(16));
            assertThat(c.command("USER te\0st")).isEqualTo("-ERR NUL octet in the command line");
            assertThat(c.command("USER t\u00e9st")).isEqualTo("-ERR Invalid user name"); // a non-ASCII octet
            // James parsed a name with '@' as an address and threw for these
            for (String odd : List.of("a@", "@@")) {
                assertThat(c.command("USER " + odd)).as(odd).startsWith("+OK");
                assertThat(c.command("PASS password")).as(odd).isEqualTo("-ERR [AUTH] Authentication failed.");
            }
            assertThat(c.command("USER alice")).startsWith("+OK");
            assertThat(c.command("USER test")).startsWith("+OK"); // a second USER replaces the first
            assertThat(c.command("PASS password")).isEqualTo("+OK Logged in.");
            for (String huge : List.of(
                    "RETR 1000000000000000000000000000000",
                    "RETR 2147483648",
                    "LIST 99999999999",
                    "DELE -99999999999999999999",
                    "UIDL 1 2 3",
                    "TOP 1 99999999999",
                    "TOP 1 2 3",
                    "TOP x 1",
                    "LIST \u00e9",
                    "RETR 1\0")) {
                assertThat(c.command(huge)).as(huge).startsWith("-ERR");
            }
            assertThat(c.command("DELE 2147483647")).isEqualTo("-ERR Message (2147483647) does not exist.");
            assertThat(c.command("LIST -5")).isEqualTo("-ERR No such message");
            assertThat(c.command("USER alice")).isEqualTo("-ERR Already logged in");
            assertThat(c.command("PASS password")).isEqualTo("-ERR Already logged in");
            assertThat(c.command("AUTH")).isEqualTo("-ERR Already logged in");
            assertThat(c.command("STAT")).startsWith("+OK 2 ");
            assertThat(logs.events())
                    .noneSatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
            assertThat(logs.events())
                    .noneSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                            .isTrue());
        }
    }

    @Test
    void everyMessageAndEverySessionEndIsLoggedByUidl() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            try (Pop3Connection c = loggedIn()) {
                assertThat(c.command("RETR 1")).startsWith("+OK");
                c.readMultiLine();
                assertThat(c.command("TOP 2 0")).startsWith("+OK");
                int topOctets = String.join(
                                        "",
                                        c.readMultiLine().stream()
                                                .map(l -> l + "\r\n")
                                                .toList())
                                .length()
                        + 3;
                assertThat(c.command("DELE 2")).startsWith("+OK");
                assertThat(c.command("QUIT")).isEqualTo("+OK maillab POP3 server signing off (1 message deleted)");
                assertThat(c.closedByServer()).isTrue();
                String end = awaitEnd(logs, "Logged out");
                assertThat(end)
                        .matches("pop3\\(test\\)<[^>]+>: Logged out top=1/" + topOctets + ", retr=1/" + size(ONE)
                                + ", del=1/2, size=" + (size(ONE) + size(TWO)) + ", rip=127\\.0\\.0\\.1");
            }
            assertThat(logs.messages("dovecot/pop3"))
                    .anySatisfy(l -> assertThat(l).contains("retr: msg=1, uidl=" + uid1 + ", size=" + size(ONE)));
            assertThat(logs.messages("dovecot/pop3"))
                    .anySatisfy(l -> assertThat(l).contains("dele: msg=2, uidl=" + uid2));
            assertThat(logs.messages("dovecot/pop3-login"))
                    .anySatisfy(l -> assertThat(l).startsWith("Login: user=<test>, method=USER, rip=127.0.0.1"));
            try (Pop3Connection c = loggedIn()) {
                assertThat(c.command("RETR 1")).startsWith("+OK");
                c.readMultiLine();
            } // vanished without QUIT
            assertThat(awaitEnd(logs, "Disconnected: Connection closed"))
                    .contains("top=0/0, retr=1/" + size(ONE) + ", del=0/1");
        }
    }

    /** The session's last line (logged as its connection closes). */
    private static String awaitEnd(LogCapture logs, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var found = logs.messages("dovecot/pop3").stream()
                    .filter(l -> l.contains(text))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no end line with " + text + " in " + logs.messages("dovecot/pop3"));
    }

    @Test
    void anEmptyOrMissingMaildropIsEmptyNotAnError() throws IOException {
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.login("alice", "password")).startsWith("+OK");
            assertThat(c.command("STAT")).isEqualTo("+OK 0 0");
            assertThat(c.command("LIST")).startsWith("+OK");
            assertThat(c.readMultiLine()).isEmpty();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void messagesStoredWithBareLfByAnotherMdaAreServedWithCrlfAndMatchingSizes() throws IOException {
        Path bob = pop3.maildir("bob");
        Files.createDirectories(bob.resolve("new"));
        Files.createDirectories(bob.resolve("cur"));
        String unix = "From: x@example.local\nSubject: unix\n\n.dot\nbody\n";
        Files.writeString(bob.resolve("new/1700000000.M1P1Q1.other"), unix, ISO_8859_1);
        String crlf = unix.replace("\n", "\r\n");
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.login("bob", "password")).startsWith("+OK");
            assertThat(c.command("LIST 1")).isEqualTo("+OK 1 " + crlf.length());
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(Pop3Connection.unstuff(c.readMultiLine())).isEqualTo(crlf.getBytes(ISO_8859_1));
            assertThat(c.command("TOP 1 0")).startsWith("+OK");
            assertThat(new String(c.readBody(), ISO_8859_1))
                    .isEqualTo("From: x@example.local\r\nSubject: unix\r\n\r\n");
        }
    }

    /** A Maildir file as another MDA would leave it, with the given octets. */
    private String store(String user, byte[] message) throws IOException {
        Path maildir = pop3.maildir(user);
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        String name = "1700000000.M" + message.length + "P1Q1.other";
        Files.write(maildir.resolve("new").resolve(name), message);
        return name;
    }

    /** RFC 1939 byte stuffing, written as a text substitution: a '.' starting a line is doubled. */
    private static byte[] stuffed(String status, String message) {
        String body = ("\r\n" + message).replace("\r\n.", "\r\n..").substring(2);
        return (status + "\r\n" + body + ".\r\n").getBytes(ISO_8859_1);
    }

    @Test
    void retrAnswerIsByteExactForLeadingDotsAndEightBitOctetsAcrossBlocks() throws IOException {
        StringBuilder m = new StringBuilder("From: x@example.local\r\nSubject: octets\r\n\r\n");
        StringBuilder every = new StringBuilder();
        for (int c = 0; c < 256; c++) {
            if (c != '\r' && c != '\n') {
                every.append((char) c);
            }
        }
        m.append(".").append(every).append("\r\n");
        m.append("mid\rline bare CR\r\n");
        // well past one 8 KiB block, so stuffing also happens where blocks meet
        for (int i = 0; m.length() < 40_000; i++) {
            m.append(".".repeat(i % 3 + 1)).append("line ").append(i).append(" \u00e9\u00ff\r\n");
            m.append(".\r\n");
        }
        m.append(".");
        m.append("\r\n");
        String message = m.toString();
        store("bob", message.getBytes(ISO_8859_1));
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.login("bob", "password")).startsWith("+OK");
            c.send("RETR 1\r\n");
            assertThat(c.readRawMultiLine()).isEqualTo(stuffed("+OK " + message.length() + " octets", message));
            c.send("TOP 1 2\r\n");
            String top = message.substring(0, message.indexOf("mid\r") + "mid\rline bare CR\r\n".length());
            assertThat(c.readRawMultiLine()).isEqualTo(stuffed("+OK Top of message follows", top));
            assertThat(c.command("TOP 1 -1")).startsWith("-ERR");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void aMessageWithoutFinalCrlfOrWithoutBodyStillEndsItsReplyProperly() throws IOException {
        String noEnd = "From: x@example.local\r\nSubject: cut\r\n\r\n.no end";
        String headerOnly = "From: y@example.local\r\nSubject: no body\r\n";
        store("bob", noEnd.getBytes(ISO_8859_1));
        store("bob", headerOnly.getBytes(ISO_8859_1));
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.login("bob", "password")).startsWith("+OK");
            c.send("LIST\r\n");
            List<String> list = c.readMultiLine();
            int cut = list.get(1).endsWith(" " + noEnd.length()) ? 1 : 2;
            c.send("RETR " + cut + "\r\n");
            assertThat(c.readRawMultiLine()).isEqualTo(stuffed("+OK " + noEnd.length() + " octets", noEnd + "\r\n"));
            c.send("TOP " + (3 - cut) + " 0\r\n");
            assertThat(c.readRawMultiLine()).isEqualTo(stuffed("+OK Top of message follows", headerOnly));
        }
    }

    @Test
    void retrOfOurOwnCrlfDeliveriesIsByteExactWhereverLineEndsAndDotsMeetABlockEdge() throws IOException {
        // our deliveries are CRLF (S= equals W=), so RETR reads them without conversion and stuffs them
        // in spans; a cycle of 3- and 4-octet dotted lines, shifted by one octet per message, puts every
        // part of "CR LF ." on the 8 KiB block edges
        List<String> messages = new java.util.ArrayList<>();
        for (int shift = 0; shift < 11; shift++) {
            StringBuilder m = new StringBuilder("Subject: edge " + shift + "\r\n\r\n").append("x".repeat(shift));
            m.append("\r\n");
            while (m.length() < 20_000) {
                m.append(".\r\n..\r\n.a\r\n");
            }
            m.append(".");
            messages.add(m.toString());
        }
        Path cur = pop3.maildir("bob").resolve("cur");
        for (String m : messages) {
            pop3.deliver("bob", m);
        }
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.login("bob", "password")).startsWith("+OK");
            for (int i = 0; i < messages.size(); i++) {
                String stored = RETURN_PATH + messages.get(i);
                assertThat(c.command("LIST " + (i + 1))).isEqualTo("+OK " + (i + 1) + " " + stored.length());
                c.send("RETR " + (i + 1) + "\r\n");
                assertThat(c.readRawMultiLine())
                        .isEqualTo(stuffed("+OK " + stored.length() + " octets", stored + "\r\n"));
            }
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        assertThat(Files.list(cur).count()).isEqualTo(messages.size());
    }

    @Test
    void aMaildropListingReusedWhileItsDirectoriesAreUnchangedStillSeesEveryLaterChange() throws IOException {
        settle(pop3.maildir("test"));
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("STAT")).startsWith("+OK 2 "); // listed, and kept: nothing changed for a while
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        String uid3 = pop3.deliver("test", "Subject: three\r\n\r\nthird\r\n");
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("UIDL")).startsWith("+OK");
            assertThat(c.readMultiLine()).containsExactly("1 " + uid1, "2 " + uid2, "3 " + uid3);
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        settle(pop3.maildir("test"));
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("STAT")).startsWith("+OK 3 ");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        // another program removes a message: the directory's mtime moves, so the next login lists again
        try (var files = Files.list(pop3.maildir("test").resolve("new"))) {
            Files.delete(files.filter(f -> f.getFileName().toString().startsWith(uid2))
                    .findFirst()
                    .orElseThrow());
        }
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("UIDL")).startsWith("+OK");
            assertThat(c.readMultiLine()).containsExactly("1 " + uid1, "2 " + uid3);
            assertThat(c.command("RETR 2")).startsWith("+OK");
            c.readMultiLine();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        settle(pop3.maildir("test"));
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("STAT")).startsWith("+OK 2 ");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        // the QUIT that moved message 2 to cur/ changed both directories
        assertThat(pop3.files("test", "cur")).hasSize(1);
        try (Pop3Connection c = loggedIn()) {
            assertThat(c.command("UIDL 2")).isEqualTo("+OK 2 " + uid3);
            assertThat(c.command("RETR 2")).startsWith("+OK");
            assertThat(Pop3Connection.unstuff(c.readMultiLine()))
                    .isEqualTo((RETURN_PATH + "Subject: three\r\n\r\nthird\r\n").getBytes(ISO_8859_1));
        }
    }

    @Test
    void commandsPipelinedBehindAHashedPasswordAreAnsweredInOrder() throws IOException {
        // bob's password is SHA256-CRYPT, checked off the event loop; the session waits for it
        pop3.deliver("bob", TWO);
        try (Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            c.send("USER bob\r\nPASS password\r\nSTAT\r\nLIST 1\r\nQUIT\r\n");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).isEqualTo("+OK 1 " + size(TWO));
            assertThat(c.readLine()).isEqualTo("+OK 1 " + size(TWO));
            assertThat(c.readLine()).startsWith("+OK");
        }
    }

    /** Dates cur/ and new/ back, as if nothing had changed in them for a minute. */
    private static void settle(Path maildir) throws IOException {
        java.nio.file.attribute.FileTime past =
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(maildir.resolve("cur"), past);
        Files.setLastModifiedTime(maildir.resolve("new"), past);
    }
}
