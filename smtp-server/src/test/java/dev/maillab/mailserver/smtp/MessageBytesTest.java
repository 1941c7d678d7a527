package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageBytesTest {

    private static final DataMemory UNBOUNDED = new DataMemory(Long.MAX_VALUE);

    @Test
    void messageAlreadyInCrlfIsKeptAsIs() {
        byte[] in = bytes("Subject: x\r\n\r\nbody\r\n");

        assertThat(MessageBytes.crlf(in)).isSameAs(in);
    }

    @Test
    void bareLineFeedsAndBareCarriageReturnsBecomeCrlf() {
        assertThat(text(MessageBytes.crlf(bytes("a\nb\r\nc\rd\r")))).isEqualTo("a\r\nb\r\nc\r\nd\r\n");
    }

    @Test
    void aCarriageReturnAtTheVeryEndIsCompleted() {
        assertThat(text(MessageBytes.crlf(bytes("a\r\nb\r")))).isEqualTo("a\r\nb\r\n");
    }

    @Test
    void readCappedKeepsEveryOctetUpToTheLimitWhateverTheSize() throws Exception {
        java.util.Random random = new java.util.Random(8192);
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 16_385, 100_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);

            MessageBytes.Read read =
                    MessageBytes.readCapped(new java.io.ByteArrayInputStream(data), 100_000, UNBOUNDED);

            assertThat(read.tooBig()).as("size %d", size).isFalse();
            assertThat(read.received()).isEqualTo(size);
            assertThat(read.bytes()).as("size %d", size).isEqualTo(data);
        }
    }

    @Test
    void readCappedConsumesWhatIsOverTheLimitAndKeepsNothing() throws Exception {
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(new byte[50_000]);

        MessageBytes.Read read = MessageBytes.readCapped(in, 20_000, UNBOUNDED);

        assertThat(read.tooBig()).isTrue();
        assertThat(read.received()).isEqualTo(50_000);
        assertThat(read.bytes()).isEmpty();
        assertThat(in.available()).isZero();
    }

    @Test
    void aMessageThatDoesNotFitTheMemoryBudgetIsConsumedKeptNowhereAndReleased() throws Exception {
        DataMemory memory = new DataMemory(64 * 1024);
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(new byte[200_000]);

        MessageBytes.Read read = MessageBytes.readCapped(in, 10_000_000, memory);

        assertThat(read.noMemory()).isTrue();
        assertThat(read.tooBig()).isFalse();
        assertThat(read.received()).isEqualTo(200_000);
        assertThat(read.bytes()).isEmpty();
        assertThat(in.available()).isZero();
        assertThat(memory.inUse()).isZero();
    }

    @Test
    void aMessageThatFitsKeepsItsReservationUntilReleased() throws Exception {
        DataMemory memory = new DataMemory(128 * 1024); // 20 000 bytes take a 32 772-byte buffer, reserved twice
        byte[] data = new byte[20_000];

        MessageBytes.Read read = MessageBytes.readCapped(new java.io.ByteArrayInputStream(data), 10_000_000, memory);

        assertThat(read.noMemory()).isFalse();
        assertThat(read.bytes()).hasSize(20_000);
        assertThat(memory.inUse()).isEqualTo(read.reserved()).isPositive();
        memory.release(read.reserved());
        assertThat(memory.inUse()).isZero();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
