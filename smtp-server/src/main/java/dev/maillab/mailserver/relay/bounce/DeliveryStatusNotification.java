package dev.maillab.mailserver.relay.bounce;

import dev.maillab.mailserver.relay.delivery.Outcome;
import dev.maillab.mailserver.relay.queue.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The bounce of a message, worded as Postfix's: an RFC 3464 {@code multipart/report} with a text part for people,
 * the {@code message/delivery-status} for programs (one block per failed recipient: Action, Status, Remote-MTA,
 * Diagnostic-Code) and the original's header block as {@code text/rfc822-headers} (at most
 * {@value #MAX_RETURNED_HEADERS} octets of it, as Postfix's header_size_limit). Its sender is the null
 * reverse-path, so it is never bounced itself.
 */
public final class DeliveryStatusNotification {

    /** Octets of the original header block returned; a longer block is cut at a line end. */
    public static final int MAX_RETURNED_HEADERS = 100 * 1024;

    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** A diagnostic longer than this is cut (a line stays below the 998 octets RFC 5322 allows). */
    private static final int MAX_DIAGNOSTIC = 900;

    private DeliveryStatusNotification() {}

    /**
     * @param reportingMta this host's name
     * @param bounceId     the notification's own queue id
     * @param failed       the recipients it reports, each with why
     * @param headers      the original's header block (see {@link #headerBlock})
     */
    public static byte[] build(
            String reportingMta,
            String bounceId,
            ZonedDateTime now,
            Envelope original,
            List<Outcome> failed,
            byte[] headers) {
        String boundary = bounceId + "." + now.toEpochSecond() + "/" + reportingMta;
        StringBuilder m = new StringBuilder(4096);
        m.append("From: MAILER-DAEMON@").append(reportingMta).append(" (Mail Delivery System)\r\n");
        m.append("To: ").append(original.sender()).append("\r\n");
        m.append("Subject: Undelivered Mail Returned to Sender\r\n");
        m.append("Date: ").append(RFC_5322.format(now)).append("\r\n");
        m.append("Message-ID: <")
                .append(STAMP.format(now))
                .append('.')
                .append(bounceId)
                .append('@')
                .append(reportingMta)
                .append(">\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=delivery-status;\r\n");
        m.append("\tboundary=\"").append(boundary).append("\"\r\n");
        m.append("Content-Transfer-Encoding: 8bit\r\n");
        m.append("\r\n");
        m.append("This is a MIME-encapsulated message.\r\n\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Notification\r\n");
        m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        m.append("This is the mail system at host ").append(reportingMta).append(".\r\n\r\n");
        m.append("I'm sorry to have to inform you that your message could not\r\n");
        m.append("be delivered to one or more recipients. Its headers are attached below.\r\n\r\n");
        m.append("                   The mail system\r\n\r\n");
        for (Outcome o : failed) {
            m.append('<')
                    .append(o.recipient())
                    .append(">: ")
                    .append(cut(o.text()))
                    .append("\r\n");
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Delivery report\r\n");
        m.append("Content-Type: message/delivery-status\r\n\r\n");
        m.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        m.append("X-Postfix-Queue-ID: ").append(original.id()).append("\r\n");
        m.append("X-Postfix-Sender: rfc822; ").append(original.sender()).append("\r\n");
        m.append("Arrival-Date: ")
                .append(RFC_5322.format(original.arrival().atZone(ZoneId.systemDefault())))
                .append("\r\n");
        for (Outcome o : failed) {
            m.append("\r\n");
            m.append("Final-Recipient: rfc822; ").append(o.recipient()).append("\r\n");
            m.append("Action: failed\r\n");
            m.append("Status: ").append(o.dsn()).append("\r\n");
            if (o.remoteMta() != null) {
                m.append("Remote-MTA: dns; ").append(o.remoteMta()).append("\r\n");
            }
            if (o.reply() != null) {
                m.append("Diagnostic-Code: smtp; ").append(cut(o.reply())).append("\r\n");
            } else {
                m.append("Diagnostic-Code: X-Postfix; ").append(cut(o.text())).append("\r\n");
            }
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Undelivered Message Headers\r\n");
        m.append("Content-Type: text/rfc822-headers\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.length() + headers.length + 128);
        out.writeBytes(m.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(headers);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * The header block of a message (CRLF lines) up to the empty line that ends it, without that line, at most
     * {@link #MAX_RETURNED_HEADERS} octets cut at a line end; ends with CRLF.
     */
    public static byte[] headerBlock(InputStream message) throws IOException {
        byte[] head = message.readNBytes(MAX_RETURNED_HEADERS + 2);
        int end = -1;
        for (int i = 0; i + 1 < head.length; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n') {
                if (i == 0 || i >= 2 && head[i - 2] == '\r' && head[i - 1] == '\n') {
                    end = i;
                    break;
                }
            }
        }
        if (end < 0) {
            // no empty line within the bound: up to the last whole line
            end = Math.min(head.length, MAX_RETURNED_HEADERS);
            while (end > 0 && !(head[end - 1] == '\n')) {
                end--;
            }
        }
        end = Math.min(end, MAX_RETURNED_HEADERS);
        byte[] block = Arrays.copyOf(head, end);
        if (block.length > 0 && block[block.length - 1] != '\n') {
            ByteArrayOutputStream out = new ByteArrayOutputStream(block.length + 2);
            out.writeBytes(block);
            out.writeBytes(new byte[] {'\r', '\n'});
            return out.toByteArray();
        }
        return block;
    }

    private static String cut(String text) {
        String one = text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return one.length() > MAX_DIAGNOSTIC ? one.substring(0, MAX_DIAGNOSTIC) + "..." : one;
    }
}
