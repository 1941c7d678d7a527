package dev.maillab.mailserver.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mynetworks: CIDR blocks of IPv4 and IPv6 literals; anything else is refused at start, never looked up. */
class TrustedNetworksTest {

    static boolean trusted(List<String> blocks, String address) throws Exception {
        return TrustedNetworks.parse(blocks).contains(InetAddress.getByName(address));
    }

    @Test
    void blocksContainTheirAddressesOnly() throws Exception {
        List<String> lab =
                List.of("127.0.0.0/8", "172.19.0.0/16", "10.1.2.3", "::1/128", "fd00::/8", "192.168.1.128/25");
        assertThat(trusted(lab, "127.0.0.1")).isTrue();
        assertThat(trusted(lab, "127.255.0.9")).isTrue();
        assertThat(trusted(lab, "172.19.0.4")).isTrue();
        assertThat(trusted(lab, "172.20.0.4")).isFalse();
        assertThat(trusted(lab, "10.1.2.3")).isTrue();
        assertThat(trusted(lab, "10.1.2.4")).isFalse();
        assertThat(trusted(lab, "::1")).isTrue();
        assertThat(trusted(lab, "fd12::1")).isTrue();
        assertThat(trusted(lab, "fe80::1")).isFalse();
        assertThat(trusted(lab, "192.168.1.200")).isTrue();
        assertThat(trusted(lab, "192.168.1.100")).isFalse();
        assertThat(trusted(List.of(), "127.0.0.1")).isFalse();
        assertThat(trusted(List.of("0.0.0.0/0"), "8.8.8.8")).isTrue();
    }

    @Test
    void whatIsNoBlockIsRefused() {
        for (String bad :
                List.of("localhost", "127.0.0.0/33", "127.0.0/8", "256.0.0.0/8", "::1/129", "1.2.3.4/x", "/8")) {
            assertThatThrownBy(() -> TrustedNetworks.parse(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maillab.relay.trusted-networks");
        }
    }
}
