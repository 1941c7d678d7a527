package dev.maillab.mailserver.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The DATA of one message: read with a size cap, stored with CRLF line ends. */
public final class MessageBytes {

    private static final int CR = '\r';
    private static final int LF = '\n';

    /** Where octets past the limit go: one buffer per thread, never read. */
    private static final ThreadLocal<byte[]> DISCARD = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private MessageBytes() {}

    /**
     * What {@link #readCapped} got: the bytes (when within the limits), how many the client sent, and the
     * {@link DataMemory} still reserved for them, which the caller releases once the message is stored.
     */
    public record Read(byte[] bytes, long received, boolean tooBig, boolean noMemory, long reserved) {}

    /**
     * Reads the whole stream. Past {@code limit} bytes, or when {@code memory} has no room for a larger buffer,
     * it keeps reading but throws the rest away, so the client's DATA is consumed, the session stays in step and
     * the answer can be a clean 552 or 452. The buffer starts at 8 KiB and doubles: a typical message costs its
     * own size twice, not a fixed 80 KiB of buffers (garbage that would make young collections the JVM's
     * largest cost under load). Each buffer is reserved twice over, for the copy the message is stored from.
     */
    public static Read readCapped(InputStream in, int limit, DataMemory memory) throws IOException {
        int first = Math.min(limit, 8192) + 1;
        boolean noMemory = !memory.tryReserve(2L * first);
        long reserved = noMemory ? 0 : 2L * first;
        // every way out but the normal one (EOF, reset, timeout, OutOfMemoryError) gives the reservation back
        try {
            byte[] kept = new byte[noMemory ? 0 : first];
            int n = 0;
            long total = 0;
            while (true) {
                if (!noMemory && n == kept.length && n <= limit) {
                    int grown = (int) Math.min((long) limit + 1, 2L * kept.length);
                    if (memory.tryReserve(2L * (grown - kept.length))) {
                        reserved += 2L * (grown - kept.length);
                        kept = Arrays.copyOf(kept, grown);
                    } else {
                        noMemory = true; // from here on the message is only counted, like one over the limit
                    }
                }
                int r = n < kept.length && !noMemory ? in.read(kept, n, kept.length - n) : in.read(DISCARD.get());
                if (r < 0) {
                    break;
                }
                total += r;
                if (!noMemory) {
                    n += r;
                }
            }
            boolean tooBig = total > limit;
            if (tooBig || noMemory) {
                memory.release(reserved);
                reserved = 0;
                return new Read(new byte[0], total, tooBig, !tooBig, 0);
            }
            Read read = new Read(Arrays.copyOf(kept, n), total, false, false, reserved);
            reserved = 0; // the caller's now
            return read;
        } finally {
            memory.release(reserved);
        }
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
            return new HeaderSummary(false, false, false, null, 0);
        }
        String text = new String(message, 0, headerEnd(message), StandardCharsets.ISO_8859_1);
        boolean messageId = false;
        boolean date = false;
        boolean hasHeader = false;
        String firstMessageId = null;
        int received = 0;
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
            } else if (name.equals("received")) {
                received++;
            }
        }
        return new HeaderSummary(!hasHeader && message.length > 0, messageId, date, firstMessageId, received);
    }

    /**
     * @param needsSeparator the message starts with a body line: a blank line must follow the headers we add
     * @param received       the Received: fields in the header section: the hops the message has made
     */
    public record HeaderSummary(
            boolean needsSeparator, boolean hasMessageId, boolean hasDate, String messageId, int received) {}

    private static int headerEnd(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == CR && m[i + 1] == LF && m[i + 2] == CR && m[i + 3] == LF) {
                return i + 2;
            }
        }
        return m.length;
    }
}
