package dev.maillab.mailserver.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageFileStreamTest {

    @TempDir
    Path dir;

    @Test
    void aShortReadThatReachesTheAnnouncedSizeEndsTheFileWithoutAnotherRead() throws IOException {
        CountingStream file = open(bytes(4096));
        InputStream in = new MessageFileStream(file, 4096);
        byte[] buffer = new byte[4097];

        assertThat(in.read(buffer, 0, buffer.length)).isEqualTo(4096);
        assertThat(in.read(buffer, 0, buffer.length)).isEqualTo(-1);
        assertThat(file.reads).isEqualTo(1);
    }

    @Test
    void aWrongSizeInTheNameStillGivesTheWholeFile() throws IOException {
        byte[] content = bytes(10_000);
        for (long announced : new long[] {-1, 0, 4096, 9_999, 10_001, 50_000}) {
            InputStream in = new MessageFileStream(open(content), announced);

            assertThat(in.readAllBytes()).as("S=%d", announced).isEqualTo(content);
        }
    }

    @Test
    void readsThatFillTheBufferNeverEndTheFileEarly() throws IOException {
        byte[] content = bytes(8192);
        InputStream in = new MessageFileStream(open(content), 8192);
        byte[] buffer = new byte[4096];

        assertThat(in.read(buffer, 0, 4096)).isEqualTo(4096);
        assertThat(in.read(buffer, 0, 4096)).isEqualTo(4096);
        assertThat(in.read(buffer, 0, 4096)).isEqualTo(-1);
    }

    private CountingStream open(byte[] content) throws IOException {
        Path file = Files.write(dir.resolve("m" + System.nanoTime()), content);
        return new CountingStream(Files.newInputStream(file));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** The file as the kernel serves it, counting the reads that reach it. */
    private static final class CountingStream extends FilterInputStream {
        int reads;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            return super.read(b, off, len);
        }
    }
}
