package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.SmtpConnection.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 250 means every copy is stored; when one copy cannot be stored the client gets 451 and may retry. */
class SmtpDurabilityTest extends SmtpServerPerClass {

    @Test
    void failedDeliveryToAnyRecipientIs451AndNothingIsAcknowledged() throws Exception {
        // bob's Maildir cannot be made: a plain file sits where the directory must go
        Path bobHome = server.mailRoot.resolve("bob");
        Files.createDirectories(bobHome);
        Files.writeString(bobHome.resolve("Maildir"), "not a directory");
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            Reply reply = c.sendMail(
                    "a@example.local",
                    List.of("alice@example.local", "bob@example.local"),
                    "Subject: durable\r\n\r\nx\r\n");
            assertThat(reply.toString()).isEqualTo("451 4.3.0 Error: queue file write error");
            // the session is still usable, and the same transaction succeeds once the fault is gone
            Files.delete(bobHome.resolve("Maildir"));
            Reply retry = c.sendMail(
                    "a@example.local",
                    List.of("alice@example.local", "bob@example.local"),
                    "Subject: durable\r\n\r\nx\r\n");
            assertThat(retry.code()).isEqualTo(250);
        }
        assertThat(server.messages("bob"))
                .singleElement()
                .satisfies(m -> assertThat(m).contains("Subject: durable"));
        assertThat(server.counter("maillab.smtp.rejected", "reason", "delivery_failed"))
                .isEqualTo(1);
        assertThat(server.counter("maillab.smtp.messages.accepted")).isEqualTo(1);
    }
}
