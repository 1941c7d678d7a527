package dev.maillab.smtp.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The DATA of one message: read with a size cap, stored with CRLF line ends. */
public final class MessageBytes {

    private static final int CR = '\r';
    private static final int LF = '\n';

    private MessageBytes() {
    }

    /** What {@link #readCapped} got: the bytes (when within the limit) and how many the client sent. */
    public record Read(byte[] bytes, long received, boolean tooBig) {
    }

    /**
     * Reads the whole stream. Past {@code limit} bytes it keeps reading but throws the rest away, so
     * the client's DATA is consumed, the session stays in step and the answer can be a clean 552.
     */
    public static Read readCapped(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (total + n <= limit) {
                kept.write(buffer, 0, n);
            } else if (total < limit) {
                kept.write(buffer, 0, (int) (limit - total));
            }
            total += n;
        }
        boolean tooBig = total > limit;
        return new Read(tooBig ? new byte[0] : kept.toByteArray(), total, tooBig);
    }

    /** Bare LF and bare CR become CRLF, as Maildir readers and POP3 expect. */
    public static byte[] crlf(byte[] in) {
        if (alreadyCrlf(in)) {
            return in; // the usual case: no copy, no per-octet stream writes
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        for (int i = 0; i < in.length; i++) {
            int b = in[i];
            if (b == CR) {
                out.write(CR);
                out.write(LF);
                if (i + 1 < in.length && in[i + 1] == LF) {
                    i++;
                }
            } else if (b == LF) {
                out.write(CR);
                out.write(LF);
            } else {
                out.write(b);
            }
        }
        return out.size() == in.length ? in : out.toByteArray();
    }

    private static boolean alreadyCrlf(byte[] in) {
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == CR) {
                if (i + 1 >= in.length || in[i + 1] != LF) {
                    return false;
                }
                i++;
            } else if (b == LF) {
                return false;
            }
        }
        return true;
    }

    /** What the header section has; it is empty when the message starts with a blank line or a body line. */
    public static HeaderSummary headers(byte[] message) {
        if (message.length >= 2 && message[0] == CR && message[1] == LF) {
            return new HeaderSummary(false, false, false, null);
        }
        String text = new String(message, 0, headerEnd(message), StandardCharsets.ISO_8859_1);
        boolean messageId = false;
        boolean date = false;
        boolean hasHeader = false;
        String firstMessageId = null;
        for (String line : text.split("\r\n")) {
            if (line.isEmpty() || line.startsWith(" ") || line.startsWith("\t")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                break;
            }
            hasHeader = true;
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("message-id")) {
                messageId = true;
                firstMessageId = line.substring(colon + 1).trim();
            } else if (name.equals("date")) {
                date = true;
            }
        }
        return new HeaderSummary(!hasHeader && message.length > 0, messageId, date, firstMessageId);
    }

    /** @param needsSeparator the message starts with a body line: a blank line must follow the headers we add */
    public record HeaderSummary(boolean needsSeparator, boolean hasMessageId, boolean hasDate, String messageId) {
    }

    private static int headerEnd(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == CR && m[i + 1] == LF && m[i + 2] == CR && m[i + 3] == LF) {
                return i + 2;
            }
        }
        return m.length;
    }
}
