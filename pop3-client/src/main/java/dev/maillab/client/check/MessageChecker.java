package dev.maillab.client.check;

import dev.maillab.client.pop3.RetrievedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Checks a message against RFC 5322: From and Date are required by the RFC (section 3.6); To, Subject and
 * Message-ID are required by this lab too (a sender that leaves them out is what the checker is there to catch),
 * unless lenient, when their absence is only a warning. Any of them present but malformed or repeated fails, as does a line over 998 octets or raw
 * 8-bit text in the header section (non-ASCII must be RFC 2047 encoded-words).
 */
public class MessageChecker {

    static final int MAX_LINE_OCTETS = 998;

    // RFC 5322 msg-id, dot-atom-text / no-fold-literal simplified to "no space, no angle bracket, one @"
    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");

    private final boolean lenient;
    private final Session session = Session.getInstance(new Properties());

    /** @param lenient missing To, Subject or Message-ID is a warning, not a failure (RFC 5322's own minimum) */
    public MessageChecker(boolean lenient) {
        this.lenient = lenient;
    }

    public MessageVerdict check(RetrievedMessage retrieved) {
        List<HeaderFinding> findings = new ArrayList<>();
        byte[] content = retrieved.content();
        MimeMessage message;
        try {
            message = new MimeMessage(session, new SharedByteArrayInputStream(content));
        } catch (MessagingException e) {
            findings.add(new HeaderFinding("Message", Status.FAIL, null, "cannot be parsed: " + e.getMessage()));
            return verdict(retrieved, null, null, findings);
        }
        findings.add(from(message));
        findings.add(date(message));
        findings.add(to(message));
        HeaderFinding subject = subject(message);
        findings.add(subject);
        HeaderFinding messageId = messageId(message);
        findings.add(messageId);
        findings.add(lineLength(content));
        findings.add(headerEncoding(content));
        return verdict(retrieved, subject.value(), messageId.value(), findings);
    }

    private static MessageVerdict verdict(
            RetrievedMessage m, String subject, String messageId, List<HeaderFinding> findings) {
        Status status = findings.stream().map(HeaderFinding::status).reduce(Status.OK, Status::worst);
        return new MessageVerdict(m.number(), m.content().length, subject, messageId, status, List.copyOf(findings));
    }

    private HeaderFinding from(MimeMessage m) {
        return single(m, "From", true, raw -> {
            InternetAddress[] list = InternetAddress.parseHeader(raw, true);
            if (list.length == 0) {
                throw new AddressException("no address");
            }
            for (InternetAddress a : list) {
                if (a.isGroup()) {
                    throw new AddressException("a group is not a sender");
                }
                a.validate();
            }
            return unicode(list);
        });
    }

    private HeaderFinding date(MimeMessage m) {
        return single(m, "Date", true, raw -> {
            MailDateFormat strict = new MailDateFormat();
            strict.setLenient(false);
            try {
                strict.parse(raw.strip());
            } catch (ParseException e) {
                throw new IllegalArgumentException("not an RFC 5322 date-time: " + raw.strip());
            }
            return raw.strip();
        });
    }

    private HeaderFinding to(MimeMessage m) {
        return single(m, "To", false, raw -> {
            InternetAddress[] list = InternetAddress.parseHeader(raw, true);
            if (list.length == 0) {
                throw new AddressException("no address");
            }
            for (InternetAddress a : list) {
                a.validate();
            }
            return unicode(list);
        });
    }

    private HeaderFinding subject(MimeMessage m) {
        return single(m, "Subject", false, raw -> {
            try {
                return MimeUtility.decodeText(raw.strip());
            } catch (UnsupportedEncodingException e) {
                throw new IllegalArgumentException("unknown charset in an encoded-word: " + e.getMessage());
            }
        });
    }

    private HeaderFinding messageId(MimeMessage m) {
        return single(m, "Message-ID", false, raw -> {
            String id = raw.strip();
            if (!MSG_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("not <id-left@id-right>: " + id);
            }
            return id;
        });
    }

    private interface ValueParser {
        String parse(String unfolded) throws Exception;
    }

    /** RFC 5322 section 3.6: each of these fields occurs at most once. */
    private HeaderFinding single(MimeMessage m, String name, boolean requiredByRfc, ValueParser parser) {
        String[] values;
        try {
            values = m.getHeader(name);
        } catch (MessagingException e) {
            return new HeaderFinding(name, Status.FAIL, null, "cannot be read: " + e.getMessage());
        }
        if (values == null || values.length == 0) {
            if (requiredByRfc) {
                return new HeaderFinding(name, Status.FAIL, null, "missing (required by RFC 5322 section 3.6)");
            }
            return new HeaderFinding(name, lenient ? Status.WARN : Status.FAIL, null, "missing");
        }
        if (values.length > 1) {
            return new HeaderFinding(name, Status.FAIL, null, "appears " + values.length + " times (at most once)");
        }
        String unfolded = MimeUtility.unfold(values[0]);
        if (unfolded.isBlank()) {
            return new HeaderFinding(name, Status.FAIL, "", "empty");
        }
        try {
            return new HeaderFinding(name, Status.OK, parser.parse(unfolded), null);
        } catch (Exception e) {
            return new HeaderFinding(name, Status.FAIL, unfolded.strip(), "malformed: " + e.getMessage());
        }
    }

    private static String unicode(InternetAddress[] list) {
        List<String> parts = new ArrayList<>();
        for (InternetAddress a : list) {
            // shown as a reader sees it: decoded display name, no quoting
            parts.add(a.getPersonal() == null ? a.getAddress() : a.getPersonal() + " <" + a.getAddress() + ">");
        }
        return String.join(", ", parts);
    }

    /** RFC 5322 section 2.1.1: no line over 998 octets, CRLF excluded. */
    static HeaderFinding lineLength(byte[] content) {
        int lineNo = 1;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                if (end - start > MAX_LINE_OCTETS) {
                    return new HeaderFinding(
                            "Line length",
                            Status.FAIL,
                            null,
                            "line " + lineNo + " has " + (end - start) + " octets (at most " + MAX_LINE_OCTETS + ")");
                }
                lineNo++;
                start = i + 1;
            }
        }
        return new HeaderFinding("Line length", Status.OK, null, null);
    }

    /** Without SMTPUTF8, header text is ASCII; anything else must be an RFC 2047 encoded-word. */
    static HeaderFinding headerEncoding(byte[] content) {
        int lineNo = 1;
        int lineStart = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                int len = i - lineStart - (i > lineStart && content[i - 1] == '\r' ? 1 : 0);
                if (len == 0) {
                    break; // end of the header section
                }
                lineNo++;
                lineStart = i + 1;
            } else if ((content[i] & 0x80) != 0) {
                return new HeaderFinding(
                        "Header encoding",
                        Status.FAIL,
                        null,
                        "header line " + lineNo + " has raw 8-bit octets (not RFC 2047 encoded)");
            }
        }
        return new HeaderFinding("Header encoding", Status.OK, null, null);
    }
}
