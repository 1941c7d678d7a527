package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A message body of any octets and any size limit and memory budget: readCapped keeps the message whole or says
 * why not, and what it holds in the budget is exactly what it reports (released, the budget is back at zero);
 * crlf leaves no bare CR or LF and is idempotent; the header scan never fails.
 */
class MessageBytesFuzzTest {

    @FuzzTest
    void readsWithinTheBudgetAndNormalisesLineEnds(FuzzedDataProvider data) throws IOException {
        int limit = data.consumeInt(0, 1 << 16);
        long budget = data.consumeLong(1, 1 << 18);
        byte[] body = data.consumeRemainingAsBytes();
        DataMemory memory = new DataMemory(budget);

        MessageBytes.Read read = MessageBytes.readCapped(new ByteArrayInputStream(body), limit, memory);

        assertThat(read.received()).isEqualTo(body.length);
        assertThat(read.tooBig()).isEqualTo(body.length > limit);
        assertThat(memory.inUse()).isEqualTo(read.reserved());
        if (read.tooBig() || read.noMemory()) {
            assertThat(read.bytes()).isEmpty();
            assertThat(read.reserved()).isZero();
        } else {
            assertThat(read.bytes()).isEqualTo(body);
            assertThat(read.reserved()).isBetween(2L * body.length, budget);
        }
        memory.release(read.reserved());
        assertThat(memory.inUse()).isZero();

        byte[] crlf = MessageBytes.crlf(body);
        for (int i = 0; i < crlf.length; i++) {
            if (crlf[i] == '\r') {
                assertThat(i + 1 < crlf.length && crlf[i + 1] == '\n')
                        .as("CR at %d is followed by LF", i)
                        .isTrue();
            } else if (crlf[i] == '\n') {
                assertThat(i > 0 && crlf[i - 1] == '\r')
                        .as("LF at %d follows a CR", i)
                        .isTrue();
            }
        }
        assertThat(MessageBytes.crlf(crlf)).isEqualTo(crlf);
        MessageBytes.headers(crlf);
    }
}
