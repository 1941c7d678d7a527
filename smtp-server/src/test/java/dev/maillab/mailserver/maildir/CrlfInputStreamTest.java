package dev.maillab.mailserver.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrlfInputStreamTest {

    @Test
    void bareLineFeedsBecomeCrlfAndCrlfPassesThrough() throws IOException {
        InputStream in = new CrlfInputStream(stream("a\nb\r\nc\n"));

        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\n");
    }

    @Test
    void crlfSizeCountsOneOctetMorePerBareLineFeed() throws IOException {
        assertThat(CrlfInputStream.crlfSize(stream("a\nb\r\nc\n"))).isEqualTo(9);
    }

    @Test
    void availableReportsBufferedDataSoWrappersReadInBlocks() throws IOException {
        // James' dot-stuffing stream reads until available() says 0: a stream that always said 0
        // made POP3 send each message one octet per TCP segment (0.2 sessions/s in the benchmark).
        byte[] body = "x".repeat(4000).concat("\r\n").getBytes(StandardCharsets.US_ASCII);
        InputStream in = new CrlfInputStream(new ByteArrayInputStream(body));

        assertThat(in.available()).isEqualTo(body.length);
        assertThat(readLikeAWrapper(in)).isEqualTo(body.length);
    }

    @Test
    void conversionIsTheSameForEveryReadSize() throws IOException {
        // runs are copied up to each LF, so check LFs at the start, the end and on every buffer edge
        String source = "\na\nb\r\n\n\r\nc\n\nd\r\r\n\ne";
        String expected = "\r\na\r\nb\r\n\r\n\r\nc\r\n\r\nd\r\r\n\r\ne";
        for (int size = 1; size <= expected.length() + 1; size++) {
            InputStream in = new CrlfInputStream(stream(source));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[size];
            for (int n; (n = in.read(buf, 0, size)) >= 0; ) {
                out.write(buf, 0, n);
            }
            assertThat(out.toString(StandardCharsets.US_ASCII))
                    .as("read size %d", size)
                    .isEqualTo(expected);
        }
    }

    /** Reads octet by octet while available() promises more, as a filtering stream does. */
    private static int readLikeAWrapper(InputStream in) throws IOException {
        int n = 0;
        do {
            if (in.read() < 0) {
                break;
            }
            n++;
        } while (in.available() > 0);
        return n;
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }
}
