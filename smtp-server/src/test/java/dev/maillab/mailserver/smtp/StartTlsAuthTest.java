package dev.maillab.mailserver.smtp;

import static dev.maillab.testkit.SmtpConnection.base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.testkit.SmtpConnection;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** STARTTLS, then AUTH PLAIN/LOGIN against the passwd-file; never AUTH in clear; never a relay, even authenticated. */
class StartTlsAuthTest extends SmtpServerPerClass {

    @Test
    void authIsRefusedBeforeTls() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            assertThat(c.command("EHLO client").lines()).noneMatch(l -> l.startsWith("AUTH"));
            assertThat(c.command("AUTH PLAIN " + base64("\0test\0password")).toString())
                    .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
            assertThat(c.command("AUTH LOGIN").code()).isEqualTo(538);
            assertThat(c.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void plainAfterStartTlsAuthenticatesAndTheHeaderSaysEsmtpsa() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            assertThat(c.command("EHLO client").lines()).contains("STARTTLS");
            assertThat(c.startTls().code()).isEqualTo(220);
            assertThat(c.isTls()).isTrue();
            List<String> ehlo = c.command("EHLO client").lines();
            assertThat(ehlo).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0wrong")).code())
                    .isEqualTo(535);
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0password")).code())
                    .isEqualTo(235);
            assertThat(c.command("AUTH PLAIN " + base64("\0alice\0password")).code())
                    .isEqualTo(503);
            // authenticated, and still no relay
            assertThat(c.command("MAIL FROM:<alice@example.local>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<someone@example.org>").code()).isEqualTo(554);
            assertThat(c.command("RCPT TO:<bob@example.local>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            assertThat(c.data("Subject: over tls\r\n\r\nsecret\r\n").code()).isEqualTo(250);
        }
        assertThat(server.messages("bob"))
                .anySatisfy(m -> assertThat(m).contains("Subject: over tls").contains(") with ESMTPSA id "));
        assertThat(server.counter("maillab.smtp.rejected", "reason", "auth_failed"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void loginMechanismWithACryptPassword() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            c.startTls();
            c.command("EHLO client");
            assertThat(c.command("AUTH LOGIN").code()).isEqualTo(334);
            assertThat(c.command(base64("bob")).code()).isEqualTo(334);
            assertThat(c.command(base64("password")).code()).isEqualTo(235);
            assertThat(c.command("STARTTLS").code()).isEqualTo(454);
        }
    }

    @Test
    void tlsWithoutAuthIsEsmtps() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client");
            c.startTls();
            // STARTTLS forgets the earlier EHLO (RFC 3207)
            assertThat(c.command("MAIL FROM:<a@example.local>").code()).isEqualTo(503);
            c.command("EHLO client");
            assertThat(c.sendMail("a@example.local", List.of("test@example.local"), "Subject: tls only\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
        }
        assertThat(server.messages("test"))
                .anySatisfy(m -> assertThat(m).contains("Subject: tls only").contains(") with ESMTPS id "));
    }

    @Test
    void jakartaMailSendsWithStartTlsAndAuth() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(server.port()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.ssl.checkserveridentity", "false");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.localhost", "app-server.example.local");
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("test@example.local"));
        message.setSubject("from jakarta mail");
        message.setText("hello over STARTTLS\n");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("alice", "password");
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertThat(server.messages("test"))
                .anySatisfy(m -> assertThat(m)
                        .contains("Subject: from jakarta mail")
                        .contains("Received: from app-server.example.local (")
                        .contains("with ESMTPSA")
                        .contains("hello over STARTTLS\r\n"));

        MimeMessage relay = new MimeMessage(session);
        relay.setFrom(new InternetAddress("alice@example.local"));
        relay.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@example.org"));
        relay.setText("x");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("alice", "password");
            assertThatThrownBy(() -> transport.sendMessage(relay, relay.getAllRecipients()))
                    .hasStackTraceContaining("554");
        }
    }
}
