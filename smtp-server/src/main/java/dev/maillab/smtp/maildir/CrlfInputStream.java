package dev.maillab.smtp.maildir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns bare LF into CRLF, so messages that another MDA stored with Unix line ends still give POP3
 * the exact octets its sizes promise (and dot-stuffing and TOP, which look for CRLF, work).
 * CRLF input passes through unchanged.
 */
final class CrlfInputStream extends FilterInputStream {

    private int previous = -1;
    private boolean pendingLf;

    CrlfInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (pendingLf) {
            pendingLf = false;
            previous = '\n';
            return '\n';
        }
        int c = in.read();
        if (c == '\n' && previous != '\r') {
            pendingLf = true;
            previous = '\r';
            return '\r';
        }
        previous = c;
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) c;
            if (!pendingLf && in.available() <= 0) {
                break;
            }
        }
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

    /**
     * At least one octet comes out per octet in, so the source's count is a true lower bound. It must
     * not be 0 while data is buffered: James' dot-stuffing stream stops each read when this says 0,
     * and Netty then writes the message one octet per TCP segment.
     */
    @Override
    public int available() throws IOException {
        return in.available() + (pendingLf ? 1 : 0);
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
