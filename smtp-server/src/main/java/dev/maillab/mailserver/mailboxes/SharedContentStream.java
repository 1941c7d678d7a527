package dev.maillab.mailserver.mailboxes;

import dev.maillab.mailserver.maildir.MessageContent;
import jakarta.mail.internet.SharedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An open message file as Jakarta Mail's {@link SharedInputStream}: a part's body is a new stream over a range of the
 * file, not a copy, so a detail or a part download holds a buffer per stream read and never a body. Every stream of
 * one file reads through the one {@link MessageContent}; closing a stream closes nothing, its owner closes the file.
 */
final class SharedContentStream extends InputStream implements SharedInputStream {

    private static final int BUFFER = 8192;

    private final MessageContent content;
    private final long start;
    private final long end;
    private long position;
    private long mark;
    private ByteBuffer buffer;
    /** The file position of the buffer's first octet; the buffer holds octets [bufferStart, bufferStart + limit). */
    private long bufferStart = -1;

    SharedContentStream(MessageContent content) {
        this(content, 0, content.size());
    }

    private SharedContentStream(MessageContent content, long start, long end) {
        this.content = content;
        this.start = start;
        this.end = end;
        this.position = start;
        this.mark = start;
    }

    @Override
    public int read() throws IOException {
        if (position >= end || !buffered()) {
            return -1;
        }
        return buffer.get((int) (position++ - bufferStart)) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        if (!inBuffer() && len >= BUFFER) {
            // a large read goes straight into the caller's array
            int n = content.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n <= 0) {
                return -1;
            }
            position += n;
            return n;
        }
        if (!buffered()) {
            return -1;
        }
        int n = (int) Math.min(len, bufferStart + buffer.limit() - position);
        buffer.get((int) (position - bufferStart), b, off, n);
        position += n;
        return n;
    }

    /** True when the buffer holds the octet at the position, after reading it if need be; false at the file's end. */
    private boolean buffered() throws IOException {
        if (inBuffer()) {
            return true;
        }
        if (buffer == null) {
            buffer = ByteBuffer.allocate(BUFFER);
        }
        buffer.clear();
        buffer.limit((int) Math.min(BUFFER, end - position));
        int n = content.read(buffer, position);
        buffer.flip();
        bufferStart = position;
        // n <= 0: the file is shorter than it was when opened said (it never is: delivered files do not change)
        return n > 0;
    }

    private boolean inBuffer() {
        return bufferStart >= 0 && position >= bufferStart && position < bufferStart + buffer.limit();
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    /** Any read limit: going back is only a position. */
    @Override
    public void mark(int readLimit) {
        mark = position;
    }

    @Override
    public void reset() {
        position = mark;
    }

    @Override
    public long getPosition() {
        return position - start;
    }

    /** The octets [from, to) of this stream (to -1: up to its end), as Jakarta Mail asks for a part's body. */
    @Override
    public InputStream newStream(long from, long to) {
        if (from < 0) {
            throw new IllegalArgumentException("start < 0: " + from);
        }
        long first = Math.min(end, start + from);
        long last = to < 0 ? end : Math.min(end, start + to);
        return new SharedContentStream(content, first, Math.max(first, last));
    }

    @Override
    public void close() {
        // the file belongs to whoever opened the MessageContent
    }
}
