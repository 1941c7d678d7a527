package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * The DATA reader on any octets the client sends, handed over in reads of any size: it gives exactly what a
 * line-by-line reading of RFC 5321 4.5.2 gives, leaves every octet after the terminator for the command reader,
 * and a stream without the terminator ends in {@link EOFException}, never another exception or a hang.
 */
class DotStuffedDataStreamFuzzTest {

    @FuzzTest
    void agreesWithALineByLineReading(FuzzedDataProvider data) throws IOException {
        long chunking = data.consumeLong();
        boolean buffered = data.consumeBoolean();
        byte[] wire = data.consumeRemainingAsBytes();
        byte[][] expected = lineByLine(wire);

        InputStream socket = new TrickleInputStream(wire, new Random(chunking));
        InputStream session = buffered ? new BufferedInputStream(socket, 8192) : socket;
        DotStuffedDataStream message = new DotStuffedDataStream(session);
        if (expected == null) {
            assertThatThrownBy(() -> message.transferTo(OutputStreamSink.INSTANCE))
                    .isInstanceOf(EOFException.class);
            return;
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        message.transferTo(got);
        assertThat(got.toByteArray()).isEqualTo(expected[0]);
        assertThat(message.read()).isEqualTo(-1);
        assertThat(session.readAllBytes()).isEqualTo(expected[1]);
    }

    /**
     * The message and what follows it, reading CRLF-ended lines: "." alone ends it, a leading dot is dropped;
     * null when the terminator never comes. The CRLF of the DATA command counts as the line before the first.
     */
    static byte[][] lineByLine(byte[] wire) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int start = 0;
        while (true) {
            int end = indexOfCrlf(wire, start);
            if (end < 0) {
                return null;
            }
            int from = start < wire.length && wire[start] == '.' ? start + 1 : start;
            if (from == end && from > start) {
                return new byte[][] {message.toByteArray(), Arrays.copyOfRange(wire, end + 2, wire.length)};
            }
            message.write(wire, from, end + 2 - from);
            start = end + 2;
        }
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A socket that hands over 1 to 17 octets per read. */
    static final class TrickleInputStream extends InputStream {
        private final ByteArrayInputStream in;
        private final Random random;

        TrickleInputStream(byte[] bytes, Random random) {
            this.in = new ByteArrayInputStream(bytes);
            this.random = random;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1 + random.nextInt(17)));
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
