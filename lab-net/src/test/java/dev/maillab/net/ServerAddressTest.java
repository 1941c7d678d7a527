package dev.maillab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one syntax of a server setting ({@code maillab.app.resolver}, {@code maillab.app.fallback-host},
 * {@code maillab.smtp.resolver}, the checker's {@code --resolver}): the forms users write, and what is refused.
 */
class ServerAddressTest {

    @Test
    void hostAndPortAsSettingsWriteThem() {
        assertThat(ServerAddress.valueOf("127.0.0.1:1053")).isEqualTo(new ServerAddress("127.0.0.1", 1053));
        assertThat(ServerAddress.valueOf(" mail.example.local:2525 "))
                .isEqualTo(new ServerAddress("mail.example.local", 2525));
        assertThat(ServerAddress.valueOf("[::1]:5353")).isEqualTo(new ServerAddress("::1", 5353));
        assertThat(ServerAddress.valueOf("127.0.0.1:1053").toString()).isEqualTo("127.0.0.1:1053");
        assertThat(ServerAddress.valueOf("[::1]:5353").toString()).isEqualTo("[::1]:5353");
    }

    @Test
    void withoutAPortTheUseDecides() {
        ServerAddress bare = ServerAddress.valueOf("172.19.0.2");
        assertThat(bare.port()).isZero();
        assertThat(bare.portOr(53)).isEqualTo(53);
        assertThat(bare.toString()).isEqualTo("172.19.0.2");
        assertThat(ServerAddress.valueOf("172.19.0.2:1053").portOr(53)).isEqualTo(1053);
        assertThat(ServerAddress.valueOf("::1")).isEqualTo(new ServerAddress("::1", 0));
        assertThat(ServerAddress.valueOf("[::1]")).isEqualTo(new ServerAddress("::1", 0));
        assertThat(ServerAddress.valueOf("2001:db8::53")).isEqualTo(new ServerAddress("2001:db8::53", 0));
        assertThat(ServerAddress.valueOf("[2001:db8::53]:1053")).isEqualTo(new ServerAddress("2001:db8::53", 1053));
        assertThat(ServerAddress.valueOf("mail.example.local")).isEqualTo(new ServerAddress("mail.example.local", 0));
        assertThat(ServerAddress.valueOf("127.0.0.1").socketAddress(53).getPort())
                .isEqualTo(53);
        assertThat(ServerAddress.valueOf("127.0.0.1").socketAddress(53).isUnresolved())
                .isFalse();
    }

    @Test
    void aBareIpv6AddressIsAllHostAndGetsTheDefaultPort() {
        InetSocketAddress bare = ServerAddress.valueOf("::1").socketAddress(53);
        assertThat(bare.getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(bare.getPort()).isEqualTo(53);
        InetSocketAddress bracketed = ServerAddress.valueOf("[::1]:1053").socketAddress(53);
        assertThat(bracketed.getAddress()).isEqualTo(bare.getAddress());
        assertThat(bracketed.getPort()).isEqualTo(1053);
    }

    @Test
    void blankIsNoServer() {
        assertThat(ServerAddress.valueOf(null)).isNull();
        assertThat(ServerAddress.valueOf("")).isNull();
        assertThat(ServerAddress.valueOf("  ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "host:99999",
                "host:0",
                "host:notaport",
                "host:",
                "host/path",
                "user@host",
                "a b",
                "[::1",
                "::1:x"
            })
    void anythingElseIsRefusedNamingTheText(String text) {
        assertThatThrownBy(() -> ServerAddress.valueOf(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
