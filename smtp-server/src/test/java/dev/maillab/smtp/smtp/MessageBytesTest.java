package dev.maillab.smtp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageBytesTest {

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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
