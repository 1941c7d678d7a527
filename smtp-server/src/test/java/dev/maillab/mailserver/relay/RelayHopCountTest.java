package dev.maillab.mailserver.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail-loop guard (Postfix hopcount_limit, maillab.smtp.hop-count-limit, 50 by default) over a socket to the
 * whole application: a message that arrives with more Received: fields than the limit is refused at the end of
 * DATA with 554 5.4.6, whether its recipient is local or at the lab's other domain; nothing is stored or queued. A
 * message with exactly the limit still goes through.
 */
class RelayHopCountTest {

    static final int LIMIT = 50;

    @TempDir
    static Path dir;

    static LabDns dns;
    static DomainHost local;

    @BeforeAll
    static void start() throws Exception {
        dns = new LabDns(dir.resolve("zones"));
        // nothing listens for example.test: a relayed message that got through would stay queued
        local = DomainHost.exampleLocal(dir.resolve("local"), dns, DomainHost.freePort())
                .start();
    }

    @AfterAll
    static void stop() {
        local.close();
        dns.close();
    }

    private static String message(int hops, String subject) {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < hops; i++) {
            m.append("Received: from hop")
                    .append(i)
                    .append(".example.local by hop")
                    .append(i + 1)
                    .append(".example.local with SMTP id ")
                    .append(i)
                    .append(";\r\n\tTue, 1 Jul 2025 12:00:00 +0000\r\n");
        }
        return m.append("From: alice@example.local\r\nSubject: ")
                .append(subject)
                .append("\r\n\r\nround and round\r\n")
                .toString();
    }

    private static SmtpConnection.Reply send(String recipient, String message) throws Exception {
        try (SmtpConnection c = local.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply = c.sendMail("alice@example.local", List.of(recipient), message);
            // the session goes on after the refusal
            assertThat(c.command("NOOP").code()).isEqualTo(250);
            return reply;
        }
    }

    private static long queueFiles() throws Exception {
        Path active = local.queueDirectory().resolve("active");
        if (!Files.isDirectory(active)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(active)) {
            return files.count();
        }
    }

    @Test
    void aLocalMessageWithMoreHopsThanTheLimitIsRefusedAndNotStored() throws Exception {
        int before = local.messages("test").size();
        SmtpConnection.Reply refused = send("test@example.local", message(LIMIT + 1, "looping"));
        assertThat(refused.toString()).isEqualTo("554 5.4.6 Hop count exceeded - possible mail loop");
        assertThat(local.messages("test")).hasSize(before);

        SmtpConnection.Reply accepted = send("test@example.local", message(LIMIT, "fifty hops"));
        assertThat(accepted.code()).isEqualTo(250);
        List<String> stored = local.messages("test");
        assertThat(stored).hasSize(before + 1);
        assertThat(stored.get(stored.size() - 1))
                .contains("Subject: fifty hops")
                .doesNotContain("Subject: looping");
        assertThat(CapturedLog.messages("postfix/smtpd"))
                .anySatisfy(
                        l -> assertThat(l).contains("reject: END-OF-MESSAGE").contains("554 5.4.6"));
    }

    @Test
    void aRelayedMessageWithMoreHopsThanTheLimitIsRefusedAndNotQueued() throws Exception {
        SmtpConnection.Reply refused = send("bob@example.test", message(LIMIT + 1, "looping across"));
        assertThat(refused.toString()).isEqualTo("554 5.4.6 Hop count exceeded - possible mail loop");
        assertThat(local.queue().size()).isZero();
        assertThat(queueFiles()).isZero();
    }
}
