package dev.maillab.mailserver.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The header lines put in front of each stored copy, as Postfix's local delivery writes them:
 * Return-Path, Delivered-To, Received; plus Message-ID and Date when the client sent none
 * (Postfix's cleanup adds them, and mail readers expect both).
 */
public final class TraceHeaders {

    /** RFC 5322 date-time with a numeric zone, e.g. {@code Tue, 1 Jul 2025 12:00:00 +0000}. */
    public static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private static final DateTimeFormatter MESSAGE_ID_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private TraceHeaders() {}

    /** What one message's copies have in common. */
    public record Transaction(
            String sender,
            String helo,
            ClientInfo client,
            String serverName,
            String protocol,
            String queueId,
            ZonedDateTime received,
            MessageBytes.HeaderSummary headers) {}

    /** "SMTP" after HELO, "ESMTP" after EHLO, with S for TLS and A for an authenticated client (RFC 3848). */
    public static String protocol(boolean extended, boolean tls, boolean authenticated) {
        if (!extended) {
            return "SMTP";
        }
        return "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
    }

    public static String messageId(Transaction t) {
        return "<" + MESSAGE_ID_STAMP.format(t.received()) + "." + t.queueId() + "@" + t.serverName() + ">";
    }

    public static byte[] forRecipient(Transaction t, String deliveredTo, String recipient) {
        StringBuilder h = new StringBuilder(512);
        h.append("Return-Path: <").append(t.sender()).append(">\r\n");
        h.append("Delivered-To: ").append(deliveredTo).append("\r\n");
        h.append("Received: from ")
                .append(t.helo())
                .append(" (")
                .append(t.client().name())
                .append(" [")
                .append(t.client().ip())
                .append("])\r\n");
        h.append("\tby ")
                .append(t.serverName())
                .append(" (maillab) with ")
                .append(t.protocol())
                .append(" id ")
                .append(t.queueId())
                .append("\r\n");
        h.append("\tfor <")
                .append(recipient)
                .append(">; ")
                .append(RFC_5322.format(t.received()))
                .append("\r\n");
        if (!t.headers().hasMessageId()) {
            h.append("Message-ID: ").append(messageId(t)).append("\r\n");
        }
        if (!t.headers().hasDate()) {
            h.append("Date: ").append(RFC_5322.format(t.received())).append("\r\n");
        }
        if (t.headers().needsSeparator()) {
            h.append("\r\n");
        }
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }
}
