package dev.maillab.mailserver.relay;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.assertj.core.api.Assertions;

/**
 * A delivered bounce read by Jakarta Mail's MIME parser: an RFC 3464 multipart/report (report-type delivery-status)
 * of three parts, text/plain, message/delivery-status and text/rfc822-headers.
 */
final class DsnAssert {

    private final String raw;
    private final MimeMessage message;
    private final Multipart report;

    private DsnAssert(String raw) throws Exception {
        this.raw = raw;
        this.message = new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        ContentType type = new ContentType(message.getContentType());
        Assertions.assertThat(type.getBaseType()).isEqualTo("multipart/report");
        Assertions.assertThat(type.getParameter("report-type")).isEqualTo("delivery-status");
        this.report = (Multipart) message.getContent();
        Assertions.assertThat(report.getCount()).isEqualTo(3);
        Assertions.assertThat(new ContentType(report.getBodyPart(0).getContentType()).getBaseType())
                .isEqualTo("text/plain");
        Assertions.assertThat(new ContentType(report.getBodyPart(1).getContentType()).getBaseType())
                .isEqualTo("message/delivery-status");
        Assertions.assertThat(new ContentType(report.getBodyPart(2).getContentType()).getBaseType())
                .isEqualTo("text/rfc822-headers");
    }

    static DsnAssert dsn(String raw) throws Exception {
        return new DsnAssert(raw);
    }

    private static String text(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    DsnAssert isBounceFrom(String reportingMta, String originalQueueId) throws Exception {
        Assertions.assertThat(raw).startsWith("Return-Path: <>\r\n");
        Assertions.assertThat(message.getHeader("From", null)).startsWith("MAILER-DAEMON@" + reportingMta);
        Assertions.assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        Assertions.assertThat(text(report.getBodyPart(1)))
                .contains("Reporting-MTA: dns; " + reportingMta + "\r\n")
                .contains("X-Postfix-Queue-ID: " + originalQueueId + "\r\n");
        return this;
    }

    DsnAssert reportsFailed(String recipient, String status, String remoteMta) throws Exception {
        String report = text(this.report.getBodyPart(1));
        String block = report.substring(report.indexOf("Final-Recipient: rfc822; " + recipient + "\r\n"));
        Assertions.assertThat(block)
                .contains("Action: failed\r\n")
                .contains("Status: " + status + "\r\n")
                .contains(remoteMta == null ? "Diagnostic-Code: X-Postfix; " : "Remote-MTA: dns; " + remoteMta + "\r\n")
                .contains("Diagnostic-Code: ");
        Assertions.assertThat(text(this.report.getBodyPart(0))).contains("<" + recipient + ">: ");
        return this;
    }

    DsnAssert returnsHeaders(String... lines) throws Exception {
        String headers = text(report.getBodyPart(2));
        for (String line : lines) {
            Assertions.assertThat(headers).contains(line + "\r\n");
        }
        return this;
    }

    DsnAssert doesNotContain(String text) throws IOException {
        Assertions.assertThat(raw).doesNotContain(text);
        return this;
    }
}
