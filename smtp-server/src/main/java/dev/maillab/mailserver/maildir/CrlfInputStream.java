package dev.maillab.mailserver.maildir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns bare LF into CRLF, so messages that another MDA stored with Unix line ends still give POP3
 * the exact octets its sizes promise (and dot-stuffing and TOP, which look for CRLF, work).
 * CRLF input passes through unchanged.
 */
final class CrlfInputStream extends FilterInputStream {

    private static final int BLOCK = 8192;

    /** The last octet given out: a CR already given out makes the next LF a proper line end. */
    private int previous = -1;
    /** Source octets read but not yet given out (a block can expand beyond the caller's array). */
    private byte[] raw;

    private int rawPos;
    private int rawLimit;

    CrlfInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** Converts a block of the source into {@code b}; what does not fit stays for the next read. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (rawPos == rawLimit) {
            int want = Math.min(len, BLOCK);
            if (raw == null || raw.length < want) {
                raw = new byte[want];
            }
            int r = in.read(raw, 0, want);
            if (r < 0) {
                return -1;
            }
            rawPos = 0;
            rawLimit = r;
        }
        int n = 0;
        int prev = previous;
        // copies runs up to the next LF in one go; only an LF looks at the octet before it
        while (rawPos < rawLimit && n < len) {
            int end = Math.min(rawLimit, rawPos + len - n);
            int i = rawPos;
            while (i < end && raw[i] != '\n') {
                i++;
            }
            int span = i - rawPos;
            if (span > 0) {
                System.arraycopy(raw, rawPos, b, off + n, span);
                n += span;
                prev = raw[i - 1];
                rawPos = i;
            }
            if (i == end) {
                continue; // no LF in what fits: the block is used up or b is full
            }
            if (prev != '\r') {
                b[off + n++] = '\r';
                prev = '\r';
                if (n == len) {
                    break; // the LF goes out with the next read
                }
            }
            b[off + n++] = '\n';
            prev = '\n';
            rawPos++;
        }
        previous = prev;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    /** At least one octet comes out per octet in, so this is a true lower bound; never 0 while data is held. */
    @Override
    public int available() throws IOException {
        return in.available() + (rawLimit - rawPos);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The CRLF size of a stream: its length plus one octet per bare LF. */
    static long crlfSize(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        long size = 0;
        int prev = -1;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                int c = buf[i];
                if (c == '\n' && prev != '\r') {
                    size++;
                }
                prev = c;
            }
            size += n;
        }
        return size;
    }
}
