package dev.maillab.mailserver.mailboxes;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.maildir.MessageContent;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The file as Jakarta Mail's shared stream: every range reads what the file holds there, and MIME parses alike. */
class SharedContentStreamTest {

    /** A file's octets as the store's content, counting the reads that reach it. */
    static final class Bytes implements MessageContent {
        final byte[] bytes;
        int reads;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(ByteBuffer into, long position) {
            reads++;
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(into.remaining(), bytes.length - position);
            into.put(bytes, (int) position, n);
            return n;
        }

        @Override
        public void close() {}
    }

    private static byte[] sample(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + i / 251);
        }
        return b;
    }

    @Test
    void readsTheFileWholeByOctetsAndByBlocksOfAnySize() throws IOException {
        byte[] file = sample(50_000);
        for (int block : new int[] {1, 3, 8191, 8192, 8193, 20_000, 100_000}) {
            SharedContentStream in = new SharedContentStream(new Bytes(file));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[block];
            int n;
            while ((n = in.read(buf, 0, block)) >= 0) {
                out.write(buf, 0, n);
                int one = in.read();
                if (one < 0) {
                    break;
                }
                out.write(one);
            }
            assertThat(out.toByteArray()).as("blocks of " + block).isEqualTo(file);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void aNewStreamIsItsRangeOfTheStreamItCameFromAndMarksGoBack() throws IOException {
        byte[] file = sample(30_000);
        SharedContentStream whole = new SharedContentStream(new Bytes(file));
        assertThat(whole.skip(100)).isEqualTo(100);
        assertThat(whole.getPosition()).isEqualTo(100);

        InputStream range = whole.newStream(10_000, 20_000);
        assertThat(range.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(file, 10_000, 20_000));
        SharedContentStream inner = (SharedContentStream) whole.newStream(10_000, -1);
        InputStream nested = inner.newStream(5, 15);
        assertThat(nested.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(file, 10_005, 10_015));
        assertThat(inner.newStream(25_000, 40_000).readAllBytes()).isEmpty();

        inner.mark(0);
        byte[] first = inner.readNBytes(9000);
        inner.reset();
        assertThat(inner.readNBytes(9000)).isEqualTo(first);
        assertThat(inner.getPosition()).isEqualTo(9000);
        // the stream it came from did not move
        assertThat(whole.getPosition()).isEqualTo(100);
        assertThat(whole.read()).isEqualTo(file[100] & 0xff);
    }

    @Test
    void jakartaMailParsesItAsItParsesTheBytesInMemory() throws Exception {
        String message = "Subject: t\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
                + "preamble\r\n--o\r\nContent-Type: multipart/alternative; boundary=\"i\"\r\n\r\n"
                + "--i\r\nContent-Type: text/plain\r\n\r\nplain\r\n--i\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n"
                + "--i--\r\n--o\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"a.bin\"\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(sample(5000)) + "\r\n--o--\r\nepilogue\r\n";
        byte[] bytes = message.getBytes(US_ASCII);
        Session session = Session.getInstance(new Properties());

        String shared = describe(new MimeMessage(session, new SharedContentStream(new Bytes(bytes))));
        String inMemory = describe(new MimeMessage(session, new ByteArrayInputStream(bytes)));

        assertThat(shared).isEqualTo(inMemory).contains("a.bin 5000");
    }

    private static String describe(jakarta.mail.Part part) throws Exception {
        StringBuilder sb = new StringBuilder(part.getContentType()).append(' ');
        if (part.getContent() instanceof Multipart mp) {
            sb.append("[");
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                sb.append(describe(child)).append(", ");
            }
            return sb.append("]").toString();
        }
        try (InputStream in = part.getInputStream()) {
            return sb.append(part.getFileName())
                    .append(' ')
                    .append(in.readAllBytes().length)
                    .toString();
        }
    }
}
