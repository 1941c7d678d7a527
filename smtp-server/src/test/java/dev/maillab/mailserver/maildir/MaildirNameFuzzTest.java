package dev.maillab.mailserver.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A directory entry of any name (another MDA, a user, a broken copy can put anything in new/ and cur/): parsing
 * never fails, the base (the UIDL) survives marking the message seen, and the delivery order is total.
 */
class MaildirNameFuzzTest {

    private static final MaildirName REFERENCE = MaildirName.parse("1700000000.M123P45Q6.host,S=10,W=10:2,S");

    @FuzzTest
    void parsesAnyNameAndKeepsItsBaseWhenSeen(byte[] input) {
        MaildirName name = MaildirName.parse(new String(input, StandardCharsets.UTF_8));

        assertThat(name.deliverySeconds()).isNotNegative();
        assertThat(name.deliveryMicros()).isNotNegative();
        MaildirName seen = MaildirName.parse(name.seenName());
        assertThat(seen.isSeen()).isTrue();
        assertThat(seen.base()).isEqualTo(name.base());
        assertThat(seen.size()).isEqualTo(name.size());
        assertThat(MaildirName.parse(seen.seenName())).isEqualTo(seen);
        int order = MaildirName.DELIVERY_ORDER.compare(name, REFERENCE);
        assertThat(Integer.signum(MaildirName.DELIVERY_ORDER.compare(REFERENCE, name)))
                .isEqualTo(-Integer.signum(order));
    }
}
