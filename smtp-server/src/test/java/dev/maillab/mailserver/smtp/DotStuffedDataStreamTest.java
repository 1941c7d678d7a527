package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DotStuffedDataStreamTest {

    @Test
    void endsAtTheLoneDotAndLeavesWhatFollowsForTheCommandReader() throws IOException {
        InputStream session = session("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n");

        assertThat(readAll(new DotStuffedDataStream(session))).isEqualTo("Subject: x\r\n\r\nbody\r\n");
        assertThat(text(session.readAllBytes())).isEqualTo("QUIT\r\n");
    }

    @Test
    void removesTheStuffedDotOfEveryLineTheFirstIncluded() throws IOException {
        InputStream session = session("..first\r\n..\r\n...\r\nx.\r\n.\r\n");

        assertThat(readAll(new DotStuffedDataStream(session))).isEqualTo(".first\r\n.\r\n..\r\nx.\r\n");
    }

    @Test
    void aLoneDotRightAwayIsAnEmptyMessage() throws IOException {
        InputStream session = session(".\r\nMAIL FROM:<a@b>\r\n");

        assertThat(readAll(new DotStuffedDataStream(session))).isEmpty();
        assertThat(text(session.readAllBytes())).isEqualTo("MAIL FROM:<a@b>\r\n");
    }

    @Test
    void onlyCrlfEndsALine() throws IOException {
        // a bare LF is data: the dot after it is neither stuffing nor the end, as in SubEtha's own reader
        InputStream session = session("a\n.\nb\r\n.\rc\r\n.\r\n");

        assertThat(readAll(new DotStuffedDataStream(session))).isEqualTo("a\n.\nb\r\n\rc\r\n");
    }

    @Test
    void aConnectionClosedBeforeTheEndIsAnError() {
        InputStream session = session("Subject: x\r\n\r\nno end\r\n");

        assertThatThrownBy(() -> readAll(new DotStuffedDataStream(session))).isInstanceOf(EOFException.class);
    }

    @Test
    void blockBoundariesAnywhereGiveTheSameMessageAsALineByLineReading() throws IOException {
        Random random = new Random(5321);
        byte[] alphabet = {'.', '.', '\r', '\n', 'a', '\r', '\n'};
        for (int round = 0; round < 400; round++) {
            byte[] soup = new byte[random.nextInt(round < 200 ? 64 : 40_000)];
            for (int i = 0; i < soup.length; i++) {
                soup[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] wire = concat(soup, "\r\n.\r\nNEXT".getBytes(StandardCharsets.US_ASCII));
            byte[][] expected = lineByLine(wire);

            // the socket hands over 1..17 octets per read, so the terminator and the stuffing fall on any boundary
            InputStream session = new BufferedInputStream(new TrickleInputStream(wire, random), 8192);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            new DotStuffedDataStream(session).transferTo(got);

            assertThat(got.toByteArray()).as("round %d", round).isEqualTo(expected[0]);
            assertThat(session.readAllBytes()).as("round %d, rest", round).isEqualTo(expected[1]);
        }
    }

    @Test
    void aStreamWithoutMarkIsReadOneOctetAtATimeAndStillStopsAtTheEnd() throws IOException {
        InputStream noMark = new TrickleInputStream(bytes("..a\r\nb\r\n.\r\nQUIT\r\n"), new Random(1));

        assertThat(readAll(new DotStuffedDataStream(noMark))).isEqualTo(".a\r\nb\r\n");
        assertThat(text(noMark.readAllBytes())).isEqualTo("QUIT\r\n");
    }

    /** The reference: RFC 5321 4.5.2 read line by line; returns the message and what follows the terminator. */
    private static byte[][] lineByLine(byte[] wire) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int p = 0;
        while (true) {
            int q = p;
            while (!(wire[q] == '\r' && wire[q + 1] == '\n')) {
                q++;
            }
            byte[] line = Arrays.copyOfRange(wire, p, q);
            p = q + 2;
            if (line.length == 1 && line[0] == '.') {
                return new byte[][] {message.toByteArray(), Arrays.copyOfRange(wire, p, wire.length)};
            }
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            message.write(line, from, line.length - from);
            message.write('\r');
            message.write('\n');
        }
    }

    /** A socket's input: at most a few octets per read, no mark. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        TrickleInputStream(byte[] data, Random random) {
            this.data = data;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(17)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static InputStream session(String wire) {
        return new BufferedInputStream(new ByteArrayInputStream(bytes(wire)), 8192);
    }

    private static String readAll(InputStream in) throws IOException {
        return text(in.readAllBytes());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
