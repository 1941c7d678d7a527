package dev.maillab.mailserver.pop3.command;

import dev.maillab.mailserver.pop3.james.ReplyStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * A POP3 multi-line reply (RFC 1939 section 3) made from a CRLF message: the status line, the message
 * with a '.' doubled at the start of each line, a CRLF if the message does not end with one, and
 * ".CRLF". Works on blocks, not octets, and stays bounded in memory for any message size; all other
 * octets (8-bit included) pass unchanged. With a line limit it is TOP: the header, the empty line that
 * ends it, and at most that many body lines.
 *
 * <p>A read encodes straight into the caller's array; only what does not fit there (stuffed dots, a block
 * larger than the caller's room) waits in a spill buffer for the next read. So a RETR whose reply fits the
 * transport's chunk allocates nothing per message but its status line.
 */
final class MultiLineStream extends InputStream implements ReplyStream {

    /** Raw octets read from the message per step; the output of one step is at most twice that. */
    private static final int BLOCK = 8192;

    /** Used only within one {@link #read(byte[], int, int)} on its thread, so streams on one thread share it. */
    private static final ThreadLocal<byte[]> RAW = ThreadLocal.withInitial(() -> new byte[BLOCK]);

    private static final byte[] TERMINATOR = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The smallest raw block read, however little room the caller has: a 1-octet read must not mean 1-octet file reads. */
    private static final int MIN_STEP = 512;

    private final InputStream content;
    private final int bodyLineLimit;
    private final int statusLength;
    private final String statusLine;
    private LongConsumer onEnd;
    private long delivered;
    private boolean done;

    /** Encoded octets that did not fit the caller's array; the status line waits here before the first read. */
    private byte[] spill;

    private int spillPos;
    private int spillLimit;

    /** Where one read encodes to: the caller's array from {@code w} to {@code end}, then {@link #spill}. */
    private byte[] dst;

    private int w;
    private int end;

    private boolean lineStart = true;
    private boolean previousCr;
    private int lineLength;
    private boolean inBody;
    private int bodyLines;
    private boolean anyOctet;
    private byte[] single;

    /** @param bodyLineLimit below 0: the whole message */
    MultiLineStream(String statusLine, InputStream content, int bodyLineLimit) {
        this.content = content;
        this.bodyLineLimit = bodyLineLimit;
        this.statusLine = statusLine;
        spill = (statusLine + "\r\n").getBytes(StandardCharsets.US_ASCII);
        statusLength = spill.length;
        spillLimit = spill.length;
    }

    @Override
    public String statusLine() {
        return statusLine;
    }

    @Override
    public boolean atEnd() {
        return done && spillPos == spillLimit;
    }

    /** {@code onEnd} gets the octets after the status line once the reply has been read to its end. */
    MultiLineStream onEnd(LongConsumer onEnd) {
        this.onEnd = onEnd;
        return this;
    }

    @Override
    public int read() throws IOException {
        if (single == null) {
            single = new byte[1];
        }
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int fromSpill = Math.min(len, spillLimit - spillPos);
        System.arraycopy(spill, spillPos, b, off, fromSpill);
        spillPos += fromSpill;
        dst = b;
        w = off + fromSpill;
        end = off + len;
        try {
            while (w < end && !done) {
                byte[] raw = RAW.get();
                int n = content.read(raw, 0, Math.min(raw.length, Math.max(MIN_STEP, end - w)));
                if (n < 0) {
                    finish();
                } else if (bodyLineLimit < 0) {
                    stuffWhole(raw, n);
                } else {
                    encode(raw, n);
                }
            }
        } finally {
            dst = null;
        }
        int n = w - off;
        delivered += n;
        if (atEnd() && onEnd != null) {
            onEnd.accept(delivered - statusLength);
            onEnd = null;
        }
        return n == 0 ? -1 : n;
    }

    /** What waits in the spill buffer; the rest is encoded as it is read. */
    @Override
    public int available() {
        return spillLimit - spillPos;
    }

    @Override
    public void close() throws IOException {
        done = true;
        content.close();
    }

    /**
     * RETR: copies the block in spans and only looks at line ends, where a '.' may follow. An octet-by-octet
     * loop (as TOP's, which counts lines) cost a third of the server's CPU here.
     */
    private void stuffWhole(byte[] r, int n) {
        if (n == 0) {
            return;
        }
        int from = 0;
        if (lineStart && r[0] == '.') {
            put((byte) '.');
        }
        // a line starts after CRLF only (the content is CRLF already); the CR may end the previous block
        boolean crBefore = previousCr;
        for (int i = 0; i < n; i++) {
            if (r[i] != '\n') {
                continue;
            }
            boolean crlf = i > 0 ? r[i - 1] == '\r' : crBefore;
            if (crlf && i + 1 < n && r[i + 1] == '.') {
                put(r, from, i + 1 - from);
                put((byte) '.');
                from = i + 1;
            }
        }
        put(r, from, n - from);
        byte last = r[n - 1];
        lineStart = last == '\n' && (n > 1 ? r[n - 2] == '\r' : crBefore);
        previousCr = last == '\r';
        anyOctet = true;
    }

    /** TOP: octet by octet, counting lines to stop after the header and that many body lines. */
    private void encode(byte[] r, int n) {
        for (int i = 0; i < n; i++) {
            byte c = r[i];
            if (lineStart && c == '.') {
                put((byte) '.');
            }
            put(c);
            lineStart = false;
            lineLength++;
            anyOctet = true;
            if (c == '\n' && previousCr) {
                if (!inBody && lineLength == 2) {
                    inBody = true; // the empty line that ends the header
                } else if (inBody) {
                    bodyLines++;
                }
                lineStart = true;
                lineLength = 0;
                if (inBody && bodyLines >= bodyLineLimit) {
                    previousCr = false;
                    finish();
                    return;
                }
            }
            previousCr = c == '\r';
        }
    }

    private void finish() {
        if (anyOctet && !lineStart) {
            if (!previousCr) {
                put((byte) '\r');
            }
            put((byte) '\n');
        }
        put(TERMINATOR, 0, TERMINATOR.length);
        done = true;
    }

    private void put(byte[] src, int from, int len) {
        int k = Math.min(len, end - w);
        System.arraycopy(src, from, dst, w, k);
        w += k;
        if (k < len) {
            room(len - k);
            System.arraycopy(src, from + k, spill, spillLimit, len - k);
            spillLimit += len - k;
        }
    }

    private void put(byte c) {
        if (w < end) {
            dst[w++] = c;
        } else {
            room(1);
            spill[spillLimit++] = c;
        }
    }

    /** Room for {@code needed} more octets at the end of the spill buffer, keeping what waits there. */
    private void room(int needed) {
        if (spill.length - spillLimit >= needed) {
            return;
        }
        int waiting = spillLimit - spillPos;
        byte[] target =
                spill.length - waiting >= needed ? spill : new byte[Math.max(2 * spill.length, waiting + needed)];
        System.arraycopy(spill, spillPos, target, 0, waiting);
        spill = target;
        spillPos = 0;
        spillLimit = waiting;
    }
}
