package dev.maillab.mailserver.mailboxes;

import dev.maillab.mailserver.maildir.MessageFile;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * A message's header fields as Jakarta Mail reads them (raw UTF-8 allowed, as RFC 6532 mail has it): the summary's
 * fields and the detail's list. The summary's From and To come from those fields alone (no Sender in place of a
 * missing From: the console's verdict says what is missing, the summary must not hide it).
 */
final class MessageHeaders {

    private final InternetHeaders headers;

    private MessageHeaders(InternetHeaders headers) {
        this.headers = headers;
    }

    /** The fields of the block; a block cut at the limit gives the fields before the cut. */
    static MessageHeaders of(HeaderBlock block) {
        try {
            return new MessageHeaders(new InternetHeaders(new ByteArrayInputStream(block.bytes()), true));
        } catch (MessagingException e) {
            // only an I/O error of the stream, which a byte array has none of
            throw new IllegalStateException(e);
        }
    }

    /** No fields: a message whose file could not be read. */
    static MessageHeaders none() {
        return new MessageHeaders(new InternetHeaders());
    }

    MessageSummary summary(MessageFile file) {
        return new MessageSummary(
                file.id(),
                file.folder(),
                file.flags(),
                file.size(),
                addresses(headers.getHeader("From", ",")),
                addresses(headers.getHeader("To", ",")),
                decoded(headers.getHeader("Subject", null)),
                plain(headers.getHeader("Date", null)),
                plain(headers.getHeader("Message-ID", null)),
                file.path().toString());
    }

    /** Every field in order: the name as written, the value unfolded and decoded. */
    List<MessageDetail.Header> all() {
        List<MessageDetail.Header> all = new ArrayList<>();
        Enumeration<String> lines = headers.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            String line = MimeUtility.unfold(lines.nextElement());
            int colon = line.indexOf(':');
            if (colon < 0) {
                all.add(new MessageDetail.Header(line.strip(), ""));
            } else {
                all.add(new MessageDetail.Header(line.substring(0, colon), decoded(line.substring(colon + 1))));
            }
        }
        return all;
    }

    /** The addresses with their display names decoded; the decoded text itself when it does not parse. */
    private static String addresses(String value) {
        if (value == null) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(value, true);
            String shown = InternetAddress.toUnicodeString(parsed);
            return shown == null ? decoded(value) : MimeUtility.unfold(shown);
        } catch (AddressException e) {
            return decoded(value);
        }
    }

    /** Unfolded, RFC 2047 words decoded (a word of an unknown charset stays as written). */
    private static String decoded(String value) {
        if (value == null) {
            return null;
        }
        String unfolded = MimeUtility.unfold(value).strip();
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException e) {
            return unfolded;
        }
    }

    private static String plain(String value) {
        return value == null ? null : MimeUtility.unfold(value).strip();
    }
}
