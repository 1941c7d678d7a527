package dev.maillab.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The peers POST /api/events answers: this machine's, by address, never by a name. */
class LoopbackPeerTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"})
    void loopbackAddressesAre(String address) {
        assertThat(LoopbackPeer.is(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.7", "10.0.0.1", "172.19.0.5", "::", "2001:db8::1", "localhost", "unknown", ""})
    void otherAddressesAndNamesAreNot(String address) {
        assertThat(LoopbackPeer.is(address)).isFalse();
    }
}
