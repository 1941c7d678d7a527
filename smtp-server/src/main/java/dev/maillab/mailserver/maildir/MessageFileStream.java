package dev.maillab.mailserver.maildir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A delivered message file opened for reading, which knows its size from the {@code S=} of its name. When a read
 * has come back short with exactly that many octets read, the file is at its end (Maildir files never change once
 * delivered), so the next read answers -1 without asking the kernel: one system call less for every RETR of a
 * message that fits one block. Both conditions must hold, so a wrong {@code S=} only costs that call again.
 */
final class MessageFileStream extends FilterInputStream {

    private final long size;
    private long read;
    private boolean atEnd;

    /** @param size the octets the name announces; below 0 when it announces none */
    MessageFileStream(InputStream file, long size) {
        super(file);
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        if (atEnd) {
            return -1;
        }
        int c = in.read();
        if (c >= 0) {
            read++;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (atEnd) {
            return -1;
        }
        int n = in.read(b, off, len);
        if (n > 0) {
            read += n;
            atEnd = n < len && read == size;
        }
        return n;
    }
}
