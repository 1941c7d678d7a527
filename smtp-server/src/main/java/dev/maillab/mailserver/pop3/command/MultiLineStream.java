package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.james.StatusLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A POP3 multi-line reply (RFC 1939 section 3) made from a CRLF message: the status line, the message
 * with a '.' doubled at the start of each line, a CRLF if the message does not end with one, and
 * ".CRLF". Works on blocks, not octets, and stays bounded in memory for any message size; all other
 * octets (8-bit included) pass unchanged. With a line limit it is TOP: the header, the empty line that
 * ends it, and at most that many body lines.
 */
final class MultiLineStream extends InputStream implements StatusLine {

    /** Raw octets read from the message per step; the output of one step is at most twice that. */
    private static final int BLOCK = 8192;

    private static final byte[] TERMINATOR = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Output room beyond one raw block: the terminator, a closing CRLF and some stuffed dots. */
    private static final int SLACK = 64;

    private final InputStream content;
    private final int bodyLineLimit;
    private final int statusLength;
    private final String statusLine;
    private LongConsumer onEnd;
    private long delivered;
    private final byte[] raw;
    private byte[] out;
    private int pos;
    private int limit;
    private boolean done;

    private boolean lineStart = true;
    private boolean previousCr;
    private int lineLength;
    private boolean inBody;
    private int bodyLines;
    private boolean anyOctet;

    /**
     * @param sizeHint the message's expected size: buffers are sized for it (a small message is read in
     *     one step), any size still works
     * @param bodyLineLimit below 0: the whole message
     */
    MultiLineStream(String statusLine, InputStream content, long sizeHint, int bodyLineLimit) {
        this.content = content;
        this.bodyLineLimit = bodyLineLimit;
        this.raw = new byte[(int) Math.min(BLOCK, Math.max(256, sizeHint + 1))];
        this.statusLine = statusLine;
        byte[] status = (statusLine + "\r\n").getBytes(StandardCharsets.US_ASCII);
        statusLength = status.length;
        // room for the message as it is and a few stuffed dots; a dot-heavy message grows it (ensureRoom)
        out = Arrays.copyOf(status, status.length + raw.length + SLACK);
        limit = status.length;
    }

    @Override
    public String statusLine() {
        return statusLine;
    }

    /** {@code onEnd} gets the octets after the status line once the reply has been read to its end. */
    MultiLineStream onEnd(LongConsumer onEnd) {
        this.onEnd = onEnd;
        return this;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return end();
        }
        delivered++;
        return out[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pos == limit && !fill()) {
                break;
            }
            int k = Math.min(len - n, limit - pos);
            System.arraycopy(out, pos, b, off + n, k);
            pos += k;
            n += k;
        }
        delivered += n;
        return n == 0 ? end() : n;
    }

    private int end() {
        if (onEnd != null) {
            onEnd.accept(delivered - statusLength);
            onEnd = null;
        }
        return -1;
    }

    /**
     * What is buffered, after encoding up to a block: Netty sizes each chunk by it, so a small reply
     * (status line included) must be complete here to leave in one write.
     */
    @Override
    public int available() throws IOException {
        if (limit - pos < BLOCK) {
            fill();
        }
        return limit - pos;
    }

    @Override
    public void close() throws IOException {
        done = true;
        content.close();
    }

    /** Encodes blocks until a block of output is buffered or the reply is complete. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(out, pos, out, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (!done && limit < BLOCK) {
            int n = content.read(raw, 0, raw.length);
            if (n < 0) {
                finish();
            } else if (bodyLineLimit < 0) {
                stuffWhole(n);
            } else {
                encode(n);
            }
        }
        return pos < limit;
    }

    /**
     * RETR: copies the block in spans and only looks at line ends, where a '.' may follow. The octet
     * loop of {@link #encode} (needed for TOP's line counting) cost a third of the server's CPU here.
     */
    private void stuffWhole(int n) {
        if (n == 0) {
            return;
        }
        ensureRoom(n + SLACK);
        byte[] r = raw;
        byte[] o = out;
        int w = limit;
        int from = 0;
        if (lineStart && r[0] == '.') {
            o[w++] = '.';
        }
        // a line starts after CRLF only (the content is CRLF already); the CR may end the previous block
        boolean crBefore = previousCr;
        for (int i = 0; i < n; i++) {
            if (r[i] != '\n') {
                continue;
            }
            boolean crlf = i > 0 ? r[i - 1] == '\r' : crBefore;
            if (crlf && i + 1 < n && r[i + 1] == '.') {
                if (o.length - w < n - from + 8) { // the rest of the block, this dot and the terminator
                    limit = w;
                    ensureRoom(n - from + SLACK);
                    o = out;
                }
                int span = i + 1 - from;
                System.arraycopy(r, from, o, w, span);
                w += span;
                o[w++] = '.';
                from = i + 1;
            }
        }
        System.arraycopy(r, from, o, w, n - from);
        w += n - from;
        byte last = r[n - 1];
        lineStart = last == '\n' && (n > 1 ? r[n - 2] == '\r' : crBefore);
        previousCr = last == '\r';
        anyOctet = true;
        limit = w;
    }

    /** TOP: octet by octet, counting lines to stop after the header and that many body lines. */
    private void encode(int n) {
        ensureRoom(2 * n + TERMINATOR.length + 2);
        byte[] o = out;
        int w = limit;
        for (int i = 0; i < n; i++) {
            byte c = raw[i];
            if (lineStart && c == '.') {
                o[w++] = '.';
            }
            o[w++] = c;
            lineStart = false;
            lineLength++;
            if (c == '\n' && previousCr) {
                if (!inBody && lineLength == 2) {
                    inBody = true; // the empty line that ends the header
                } else if (inBody) {
                    bodyLines++;
                }
                lineStart = true;
                lineLength = 0;
                if (inBody && bodyLineLimit >= 0 && bodyLines >= bodyLineLimit) {
                    previousCr = false;
                    anyOctet = true;
                    limit = w;
                    finish();
                    return;
                }
            }
            previousCr = c == '\r';
        }
        anyOctet |= n > 0;
        limit = w;
    }

    private void finish() {
        ensureRoom(TERMINATOR.length + 2);
        if (anyOctet && !lineStart) {
            if (!previousCr) {
                out[limit++] = '\r';
            }
            out[limit++] = '\n';
        }
        System.arraycopy(TERMINATOR, 0, out, limit, TERMINATOR.length);
        limit += TERMINATOR.length;
        done = true;
    }

    private void ensureRoom(int needed) {
        if (out.length - limit < needed) {
            out = Arrays.copyOf(out, limit + needed);
        }
    }
}
