package dev.maillab.mailserver.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.Pop3Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AUTH PLAIN (RFC 5034) and APOP (RFC 1939 section 7) over a socket. */
class Pop3AuthTest {

    private static final Pattern TIMESTAMP = Pattern.compile("<[^<>@]+@[^<>]+>");

    @TempDir
    Path dir;

    private static Map<String, Object> props(boolean apop) {
        return Map.of("auth-failure-delay", "100ms", "auth-failure-delay-max", "400ms", "apop", apop);
    }

    private static String plain(String authzid, String user, String password) {
        return Base64.getEncoder()
                .encodeToString((authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authPlainWithAnInitialResponseLogsIn() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, props(false));
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("AUTH PLAIN " + plain("", "alice", "password")))
                    .isEqualTo("+OK Logged in.");
            assertThat(c.command("STAT")).isEqualTo("+OK 0 0");
            assertThat(c.command("AUTH PLAIN " + plain("", "alice", "password")))
                    .isEqualTo("-ERR Already logged in");
        }
    }

    @Test
    void authPlainWithAContinuationLogsInAndStarCancels() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, props(false));
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("AUTH")).isEqualTo("+OK Supported SASL mechanisms follow");
            assertThat(c.readMultiLine()).containsExactly("PLAIN");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("*")).isEqualTo("-ERR Authentication cancelled");
            assertThat(c.command("STAT")).startsWith("-ERR"); // the cancel was no command, and no login
            assertThat(c.command("auth plain")).isEqualTo("+ ");
            assertThat(c.command("not base64 !")).isEqualTo("-ERR Invalid base64 data in the response");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command(plain("test", "test", "password"))).isEqualTo("+OK Logged in.");
            assertThat(c.command("STAT")).startsWith("+OK");
        }
    }

    @Test
    void authPlainFailuresAreAuthErrorsWithThePenaltyDelay() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, props(false));
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("AUTH CRAM-MD5")).isEqualTo("-ERR Unsupported authentication mechanism");
            long start = System.nanoTime();
            assertThat(c.command("AUTH PLAIN " + plain("", "test", "wrong")))
                    .isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isGreaterThanOrEqualTo(100);
            // acting as another user is refused like a wrong password
            assertThat(c.command("AUTH PLAIN " + plain("alice", "test", "password")))
                    .isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(c.command("AUTH PLAIN " + Base64.getEncoder().encodeToString("junk".getBytes())))
                    .isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(c.command("AUTH PLAIN =")).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop3.counter("pop3.logins.failed")).isEqualTo(4.0);
            assertThat(c.command("AUTH PLAIN " + plain("", "bob", "password"))).isEqualTo("+OK Logged in.");
        }
    }

    @Test
    void aTooLongResponseLineEndsTheAuthExchange() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, props(false));
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            c.readLine();
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("A".repeat(1000))).startsWith("-ERR Line too long");
            assertThat(c.command("STAT")).startsWith("-ERR Log in first"); // a command again, not a response
        }
    }

    @Test
    void withoutApopTheGreetingHasNoTimestampAndApopIsUnknown() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, props(false));
                Pop3Connection c = new Pop3Connection(pop3.port())) {
            assertThat(TIMESTAMP.matcher(c.readLine()).find()).isFalse();
            assertThat(c.command("APOP test " + "0".repeat(32))).isEqualTo("-ERR Unknown command: APOP");
        }
    }

    @Test
    void apopLogsInPlainUsersWithTheDigestOfTheGreetingsTimestamp() throws IOException {
        try (Pop3TestServer pop3 = new Pop3TestServer(dir, props(true))) {
            String first;
            try (Pop3Connection c = new Pop3Connection(pop3.port())) {
                Matcher m = TIMESTAMP.matcher(c.readLine());
                assertThat(m.find()).isTrue();
                first = m.group();
                assertThat(c.command("APOP test " + DigestUtils.md5Hex(first + "wrong")))
                        .isEqualTo("-ERR [AUTH] Authentication failed.");
                assertThat(c.command("APOP test "
                                + DigestUtils.md5Hex(first + "password").toUpperCase()))
                        .isEqualTo("+OK Logged in.");
                assertThat(c.command("STAT")).isEqualTo("+OK 0 0");
            }
            try (Pop3Connection c = new Pop3Connection(pop3.port())) {
                Matcher m = TIMESTAMP.matcher(c.readLine());
                assertThat(m.find()).isTrue();
                String second = m.group();
                assertThat(second).isNotEqualTo(first);
                // a digest of an old timestamp is no good (replay)
                assertThat(c.command("APOP test " + DigestUtils.md5Hex(first + "password")))
                        .startsWith("-ERR [AUTH]");
                // alice is stored SHA512-CRYPT: no plaintext, no APOP
                assertThat(c.command("APOP alice " + DigestUtils.md5Hex(second + "password")))
                        .startsWith("-ERR [AUTH]");
                assertThat(c.command("APOP test")).isEqualTo("-ERR Usage: APOP name digest");
                assertThat(c.login("alice", "password")).isEqualTo("+OK Logged in.");
            }
        }
    }
}
