package dev.maillab.mailserver.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.auth.PasswdFileUserDirectory;
import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.mailserver.dns.SystemReverseResolver;
import dev.maillab.mailserver.maildir.InMemoryMailStore;
import dev.maillab.mailserver.relay.delivery.DomainDelivery;
import dev.maillab.mailserver.relay.delivery.MxLookup;
import dev.maillab.mailserver.relay.queue.InMemoryQueueStore;
import dev.maillab.mailserver.smtp.QueueIds;
import dev.maillab.mailserver.smtp.SmtpProperties;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's queue behind the SMTP intake as the application wires it, over an {@link InMemoryQueueStore}: a queue
 * write that fails is a 451 and nothing is acknowledged or queued, as a Maildir write that fails is; local copies
 * of the same message are not the queue's affair. The queue manager is not started, so nothing is delivered.
 */
class QueueWriteFaultTest {

    @TempDir
    Path dir;

    InMemoryQueueStore queue = new InMemoryQueueStore();
    InMemoryMailStore mail = new InMemoryMailStore();
    QueueManager manager;
    SmtpServer server;

    @BeforeEach
    void start() throws Exception {
        Files.copy(Path.of("../config/users"), dir.resolve("users"));
        UsersProperties usersProperties = TestProperties.bind(
                UsersProperties.class, Map.of("file", dir.resolve("users"), "mail-root", dir.resolve("mail")));
        PasswdFileUserDirectory users = new PasswdFileUserDirectory(usersProperties);
        SmtpProperties smtp = TestProperties.bind(SmtpProperties.class, Map.of("port", 0));
        RelayProperties relay = TestProperties.defaults(RelayProperties.class);
        RelayLog log = new RelayLog();
        QueueIds ids = new QueueIds();
        manager = new QueueManager(
                queue,
                "memory",
                new DomainDelivery(MxLookup.withoutLabDns(), relay.delivery(smtp.hostname()), null),
                new Bounces(smtp, users, mail, relay.domains()::contains, ids, log),
                relay,
                ids,
                log,
                Clock.systemUTC());
        server = new SmtpServer(
                smtp,
                SmtpServer.Parts.of(
                                users, mail, mail::hasRoomFor, new SystemReverseResolver(), new SimpleMeterRegistry())
                        .withOutbound(new LabOutbound(relay, manager)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SmtpConnection.Reply send(List<String> to) throws Exception {
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", server.port())) {
            c.greeting();
            c.command("EHLO client");
            return c.sendMail("alice@example.local", to, "Subject: fault\r\n\r\nx\r\n");
        }
    }

    @Test
    void aQueueWriteThatFailsIsA451AndNothingIsQueued() throws Exception {
        queue.failWrites("No space left on device");
        assertThat(send(List.of("bob@example.test")).toString()).isEqualTo("451 4.3.0 Error: queue file write error");
        assertThat(queue.list()).isEmpty();
        assertThat(manager.size()).isZero();

        queue.failWrites(null);
        SmtpConnection.Reply ok = send(List.of("bob@example.test", "test@example.local"));
        assertThat(ok.code()).isEqualTo(250);
        String id = ok.text().replaceAll(".*queued as ", "");
        assertThat(queue.list()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.recipients()).containsExactly("bob@example.test");
            assertThat(e.sender()).isEqualTo("alice@example.local");
        });
        assertThat(new String(queue.open(id).readAllBytes()))
                .startsWith("Received: from client (")
                .contains("by mail.example.local (maillab) with ESMTP id " + id + "\r\n\tfor <bob@example.test>; ")
                .contains("Subject: fault\r\n");
        assertThat(mail.messages("test")).hasSize(1);
    }
}
