package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.maillab.testkit.LogCapture;
import dev.maillab.testkit.SmtpConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log says what happened, in one bounded line per client fault, and names the files it delivered. */
class SmtpLogTest extends SmtpServerPerClass {

    LogCapture logs;

    @BeforeEach
    void capture() {
        logs = new LogCapture();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    private List<ILoggingEvent> events() throws InterruptedException {
        SmtpAbortedSessionsTest.awaitTrue(() -> server.sessions.open() == 0);
        return logs.events();
    }

    private static long count(List<ILoggingEvent> events, String text) {
        return events.stream()
                .filter(e -> e.getFormattedMessage().contains(text))
                .count();
    }

    @Test
    void clientFaultsAreOneLineEachWithoutStackTraces() throws Exception {
        int aborted = 100;
        for (int i = 0; i < aborted; i++) {
            SmtpConnection c = server.connect();
            c.greeting();
            c.command("EHLO client");
            c.command("MAIL FROM:<a@example.local>");
            c.command("RCPT TO:<test@example.local>");
            c.command("DATA");
            c.write("Subject: cut\r\n\r\nhalf".getBytes(StandardCharsets.US_ASCII));
            if (i % 2 == 0) {
                c.reset();
            } else {
                c.close();
            }
        }
        int garbage = 20;
        for (int i = 0; i < garbage; i++) {
            try (SmtpConnection c = server.connect()) {
                c.greeting();
                c.command("HELO " + "h".repeat(400));
                c.write(("X".repeat(5000) + "\r\nNO\0OP\r\nNO\rOP\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int r = 0; r < 3; r++) {
                    assertThat(c.read().code()).isEqualTo(500);
                }
                c.command("MAIL FROM:<" + "m".repeat(200) + "@example.local>");
                c.command("RCPT TO:<" + "n".repeat(200) + "@example.local>"); // refused, logged with from=/helo=
                c.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        List<ILoggingEvent> events = events();

        assertThat(events).allSatisfy(e -> {
            assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull();
            assertThat(e.getFormattedMessage()).hasSizeLessThan(600);
        });
        assertThat(events)
                .noneMatch(e -> e.getLoggerName().startsWith("org.subethamail")
                        && e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(count(events, "lost connection after DATA from ")).isEqualTo(aborted);
        assertThat(count(events, "refused command line from ")).isEqualTo(3L * garbage);
        // per aborted session: connect, client=, lost connection, disconnect; per garbage session a few more
        assertThat(events.size()).isLessThanOrEqualTo(4 * aborted + 8 * garbage);
    }

    @Test
    void theDeliveryLineNamesTheFileInNew() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            assertThat(c.sendMail(
                                    "a@example.local",
                                    List.of("alice@example.local", "bob@example.local"),
                                    "Subject: where\r\n\r\nhere\r\n")
                            .code())
                    .isEqualTo(250);
        }
        List<String> sent = events().stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("status=sent"))
                .toList();
        assertThat(sent).hasSize(2);
        Pattern where = Pattern.compile(" maildir=(\\S+) file=(\\S+)$");
        for (String line : sent) {
            Matcher m = where.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            assertThat(m.group(2)).contains(",S=").contains(",W=");
            Path file = Path.of(m.group(1)).resolve(m.group(2));
            assertThat(file).exists();
            assertThat(Files.readString(file)).contains("Subject: where");
        }
    }
}
