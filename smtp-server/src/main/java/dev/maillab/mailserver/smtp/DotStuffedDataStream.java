package dev.maillab.mailserver.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The DATA of one message as the client sends it (RFC 5321 section 4.5.2: a leading '.' doubled on every line, the
 * end marked by CRLF "." CRLF), read in blocks and given back unstuffed, the CRLF before the final dot included.
 * SubEtha's own streams do this one octet per call, which on a 4 KiB message is the largest share of the
 * server's Java CPU time. The CRLF that ended the DATA command counts as the line before the first, so
 * ".CRLF" right away is an empty message and a first line "..x" is ".x".
 *
 * <p>It never takes an octet past the terminator from {@code in}: pipelined commands after the message stay there
 * for the command reader. With a stream that supports mark/reset (SubEtha's session input is a
 * BufferedInputStream) it reads a block, and on finding the end gives back what followed; otherwise one octet
 * at a time.
 */
public final class DotStuffedDataStream extends InputStream {

    private static final int BLOCK = 8192;

    /** Where the reader is: at the start of a line, inside one, after a CR, after a line's leading '.', '.' CR. */
    private static final int LINE_START = 0;

    private static final int IN_LINE = 1;
    private static final int AFTER_CR = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    private final InputStream in;
    private final byte[] raw;
    /** A block decodes to at most one octet more than it read: the CR held back by ".CR" at the last block's end. */
    private final byte[] out;

    private int pos;
    private int limit;
    private int state = LINE_START;
    private boolean ended;

    public DotStuffedDataStream(InputStream in) {
        this.in = in;
        this.raw = new byte[in.markSupported() ? BLOCK : 1];
        this.out = new byte[raw.length + 1];
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return out[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(out, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return limit - pos;
    }

    /** Decodes the next block; false at the end of the message. */
    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        while (limit == 0) {
            if (ended) {
                return false;
            }
            if (raw.length > 1) {
                in.mark(raw.length);
            }
            int n = in.read(raw, 0, raw.length);
            if (n < 0) {
                throw new EOFException("connection closed before the end of DATA (<CRLF>.<CRLF>)");
            }
            int used = decode(n);
            if (used < n) {
                in.reset();
                in.skipNBytes(used);
            }
        }
        return true;
    }

    /** Decodes raw[0, n) into out; returns how many octets belong to the message, terminator included. */
    private int decode(int n) {
        byte[] r = raw;
        byte[] o = out;
        int w = 0;
        int s = state;
        for (int i = 0; i < n; i++) {
            byte c = r[i];
            switch (s) {
                case LINE_START -> {
                    if (c == '.') {
                        s = DOT; // a stuffed dot, or the start of the terminator: held back either way
                        continue;
                    }
                }
                case DOT -> {
                    if (c == '\r') {
                        s = DOT_CR;
                        continue;
                    }
                }
                case DOT_CR -> {
                    if (c == '\n') {
                        ended = true;
                        state = LINE_START;
                        limit = w;
                        return i + 1;
                    }
                    o[w++] = '\r'; // ".CR" then something else: the dot was stuffing, the CR is data
                }
                default -> {}
            }
            o[w++] = c;
            s = c == '\r' ? AFTER_CR : (c == '\n' && s == AFTER_CR) ? LINE_START : IN_LINE;
        }
        state = s;
        limit = w;
        return n;
    }
}
