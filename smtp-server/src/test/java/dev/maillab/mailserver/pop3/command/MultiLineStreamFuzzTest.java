package dev.maillab.mailserver.pop3.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.maillab.mailserver.smtp.DotStuffedDataStream;
import dev.maillab.mailserver.smtp.MessageBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RETR and TOP replies for any stored (CRLF) message, decoded the way a client does (the SMTP DATA reader
 * undoes the same dot-stuffing): RETR gives the message back octet for octet, with a CRLF added only when it
 * did not end with one; TOP gives a prefix of that; nothing follows the terminator.
 */
class MultiLineStreamFuzzTest {

    private static final String STATUS = "+OK message follows";

    @FuzzTest
    void aClientReadsBackWhatWasStored(FuzzedDataProvider data) throws IOException {
        int bodyLines = data.consumeInt(-1, 50);
        int readSize = data.consumeInt(1, 20_000);
        byte[] message = MessageBytes.crlf(data.consumeRemainingAsBytes());
        byte[] whole = message.length == 0 || endsWithCrlf(message) ? message : concat(message, "\r\n");

        byte[] reply = readAll(new MultiLineStream(STATUS, new ByteArrayInputStream(message), bodyLines), readSize);

        byte[] status = (STATUS + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(Arrays.copyOf(reply, status.length)).isEqualTo(status);
        // the status line ends with CRLF, so the decoder starts at a line start, as after a DATA command
        InputStream rest = new java.io.BufferedInputStream(
                new ByteArrayInputStream(reply, status.length, reply.length - status.length));
        byte[] decoded = new DotStuffedDataStream(rest).readAllBytes();
        assertThat(rest.readAllBytes()).as("octets after the terminator").isEmpty();
        if (bodyLines < 0) {
            assertThat(decoded).isEqualTo(whole);
        } else {
            assertThat(decoded.length).isLessThanOrEqualTo(whole.length);
            assertThat(decoded).isEqualTo(Arrays.copyOf(whole, decoded.length));
        }
    }

    /**
     * Reads as the transport does, in {@code size} reads (every third a single octet, as a read-ahead would), and
     * checks {@link MultiLineStream#atEnd()}: Netty is told the reply is complete by it, without reading further, so it
     * must turn true with the last octet and not before.
     */
    private static byte[] readAll(MultiLineStream in, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[size];
        for (int i = 0; ; i++) {
            boolean endBefore = in.atEnd();
            int n = i % 3 == 2 ? single(in, buf) : in.read(buf, 0, size);
            if (n < 0) {
                assertThat(endBefore)
                        .as("at its end before the read that found it")
                        .isTrue();
                return out.toByteArray();
            }
            assertThat(endBefore).as("at its end while octets followed").isFalse();
            out.write(buf, 0, n);
        }
    }

    private static int single(InputStream in, byte[] buf) throws IOException {
        int c = in.read();
        if (c < 0) {
            return -1;
        }
        buf[0] = (byte) c;
        return 1;
    }

    private static boolean endsWithCrlf(byte[] m) {
        return m.length >= 2 && m[m.length - 2] == '\r' && m[m.length - 1] == '\n';
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.US_ASCII);
        byte[] r = Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, r, a.length, tail.length);
        return r;
    }
}
