package dev.maillab.mailserver.smtp.connection;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What SubEtha's session writes replies to: passes every octet on and counts the replies that are errors
 * (a last reply line, "NNN " or "NNN" CRLF, with a 4xx or 5xx code), whichever command or part of SubEtha
 * sent them. Postfix's {@code smtpd_hard_error_limit} counts the same. A connection's {@link Conversation}, if it
 * has one, hears the same octets.
 */
final class ReplyCounter extends FilterOutputStream {

    private final AtomicInteger errors;
    private final ClientConnection connection;
    private boolean raw;
    /** Octets of the current line seen so far (up to 5), and its first and fourth. */
    private int column;

    private int first;
    private int fourth;

    ReplyCounter(OutputStream out, AtomicInteger errors, ClientConnection connection) {
        super(out);
        this.errors = errors;
        this.connection = connection;
    }

    /** From STARTTLS on this stream carries TLS records: nothing to count. */
    void raw() {
        raw = true;
    }

    @Override
    public void write(int b) throws IOException {
        see((byte) b);
        Conversation c = raw ? null : connection.conversation();
        if (c != null) {
            c.replyOctet(b);
        }
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            see(b[i]);
        }
        Conversation c = raw ? null : connection.conversation();
        if (c != null) {
            c.replyOctets(b, off, len);
        }
        out.write(b, off, len);
    }

    private void see(byte b) {
        if (raw) {
            return;
        }
        if (b == '\n') {
            if ((first == '4' || first == '5') && (column == 4 || column == 5 && fourth == ' ')) {
                errors.incrementAndGet(); // column 4: "NNN" CR; 5 or more: "NNN " ...
            }
            column = 0;
            return;
        }
        if (column == 0) {
            first = b;
        } else if (column == 3) {
            fourth = b;
        }
        if (column < 5) {
            column++;
        }
    }
}
