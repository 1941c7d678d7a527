package dev.maillab.mailserver.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stored message of any octets, read with any sequence of read sizes: every bare LF becomes CRLF and nothing
 * else changes, and crlfSize predicts the length POP3 promises in LIST.
 */
class CrlfInputStreamFuzzTest {

    @FuzzTest
    void turnsBareLineFeedsIntoCrlfForEveryReadSize(FuzzedDataProvider data) throws IOException {
        int[] sizes = data.consumeInts(8);
        byte[] stored = data.consumeRemainingAsBytes();
        byte[] expected = reference(stored);

        InputStream in = new CrlfInputStream(new ByteArrayInputStream(stored));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int round = 0; ; round++) {
            int size = sizes.length == 0 ? 8192 : 1 + Math.floorMod(sizes[round % sizes.length], 9000);
            if (size == 1 && round % 2 == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                got.write(b);
                continue;
            }
            byte[] buf = new byte[size];
            int n = in.read(buf, 0, size);
            if (n < 0) {
                break;
            }
            assertThat(n).isBetween(1, size);
            got.write(buf, 0, n);
        }
        assertThat(got.toByteArray()).isEqualTo(expected);
        assertThat(CrlfInputStream.crlfSize(new ByteArrayInputStream(stored))).isEqualTo(expected.length);
    }

    private static byte[] reference(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }
}
