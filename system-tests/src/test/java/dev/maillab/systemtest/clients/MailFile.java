package dev.maillab.systemtest.clients;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One message as bytes (a Maildir file, what a client fetched): its header block and its body, both with line
 * ends made LF, so a client that stores LF (fetchmail, mpop, getmail) and the server's CRLF compare byte for byte.
 */
record MailFile(String headers, String rawBody, String decodedBody) {

    static MailFile read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MailFile parse(byte[] bytes) {
        String text = lf(new String(bytes, StandardCharsets.ISO_8859_1));
        int end = text.indexOf("\n\n");
        String headers = end < 0 ? text : text.substring(0, end + 1);
        String body = end < 0 ? "" : text.substring(end + 2);
        return new MailFile(headers, body, decode(bytes));
    }

    /** The body as a reader sees it: the Content-Transfer-Encoding undone (s-nail sends quoted-printable). */
    private static String decode(byte[] bytes) {
        try (InputStream in = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes))
                .getInputStream()) {
            return lf(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("not a message: " + e, e);
        }
    }

    static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    boolean contains(String marker) {
        return headers.contains(marker) || rawBody.contains(marker) || decodedBody.contains(marker);
    }
}
