package dev.maillab.app.web.limits;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * The request body as the application reads it: at most {@code limit} bytes and within {@code timeout} of the
 * first read, however the client sends it (Content-Length or chunked). Tomcat's own read timeout bounds each
 * blocking read; this bounds the whole body, so a client trickling a byte at a time cannot hold a thread.
 */
final class BoundedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private final Duration timeout;
    private final long deadline;
    private long count;

    BoundedInputStream(ServletInputStream in, long limit, Duration timeout) {
        this.in = in;
        this.limit = limit;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        check();
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        check();
        // one byte more than allowed is enough to know the body is too long
        int n = in.read(buf, off, (int) Math.min(len, limit - count + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void check() {
        if (System.nanoTime() - deadline > 0) {
            throw new RequestBodyTimeoutException(timeout);
        }
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw new RequestBodyTooLargeException(limit);
        }
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
