package dev.maillab.mailserver.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

    /**
     * The header lines in front of the copy this host relays: its Received (with "for" when there is one
     * recipient, as Postfix writes it) and a missing Message-ID or Date. Return-Path and Delivered-To are the
     * final destination's to add.
     */
    public static byte[] forRelay(Transaction t, List<String> recipients) {
        StringBuilder h = new StringBuilder(512);
        received(h, t, recipients.size() == 1 ? recipients.get(0) : null);
        missing(h, t);
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] forRecipient(Transaction t, String deliveredTo, String recipient) {
        StringBuilder h = new StringBuilder(512);
        h.append("Return-Path: <").append(t.sender()).append(">\r\n");
        h.append("Delivered-To: ").append(deliveredTo).append("\r\n");
        received(h, t, recipient);
        missing(h, t);
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void received(StringBuilder h, Transaction t, String recipient) {
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
                .append(t.queueId());
        if (recipient != null) {
            h.append("\r\n\tfor <").append(recipient).append('>');
        }
        h.append(";").append(recipient != null ? " " : "\r\n\t").append(RFC_5322.format(t.received()));
        h.append("\r\n");
    }

    /**
     * The Message-ID and Date fields the message lacks, to put in it before it is signed (a field added after the
     * signature that the signature names would break it).
     */
    public static byte[] missingFields(Transaction t) {
        StringBuilder h = new StringBuilder(128);
        if (!t.headers().hasMessageId()) {
            h.append("Message-ID: ").append(messageId(t)).append("\r\n");
        }
        if (!t.headers().hasDate()) {
            h.append("Date: ").append(RFC_5322.format(t.received())).append("\r\n");
        }
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void missing(StringBuilder h, Transaction t) {
        if (!t.headers().hasMessageId()) {
            h.append("Message-ID: ").append(messageId(t)).append("\r\n");
        }
        if (!t.headers().hasDate()) {
            h.append("Date: ").append(RFC_5322.format(t.received())).append("\r\n");
        }
        if (t.headers().needsSeparator()) {
            h.append("\r\n");
        }
    }
}
