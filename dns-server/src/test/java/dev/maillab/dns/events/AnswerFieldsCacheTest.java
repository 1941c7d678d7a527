package dev.maillab.dns.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The ready-made fields: read once per answer shape (its bytes but the ID), and never more than the bound. */
class AnswerFieldsCacheTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final Function<byte[], byte[]> read = reply -> {
        reads.incrementAndGet();
        return new byte[] {reply[2]};
    };

    @Test
    void anAnswerIsReadOnceWhateverItsId() {
        AnswerFieldsCache cache = new AnswerFieldsCache(10);

        byte[] first = cache.get(new byte[] {0, 1, 42, 7}, read);
        byte[] again = cache.get(new byte[] {9, 9, 42, 7}, read);
        byte[] other = cache.get(new byte[] {0, 1, 43, 7}, read);

        assertThat(again).isSameAs(first);
        assertThat(other).containsExactly(43);
        assertThat(reads).hasValue(2);
    }

    @Test
    void theCacheNeverHoldsMoreThanItsBoundNorAnswersAbove512Bytes() {
        AnswerFieldsCache cache = new AnswerFieldsCache(3);
        for (int i = 0; i < 10; i++) {
            cache.get(new byte[] {0, 0, (byte) i}, read);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        AnswerFieldsCache big = new AnswerFieldsCache(3);
        big.get(new byte[AnswerFieldsCache.MAX_KEY + 1], read);
        big.get(new byte[AnswerFieldsCache.MAX_KEY + 1], read);

        assertThat(big.size()).isZero();
        assertThat(reads).hasValue(12);
        assertThat(new AnswerFieldsCache(0).get(new byte[] {0, 0, 5}, read)).containsExactly(5);
    }
}
