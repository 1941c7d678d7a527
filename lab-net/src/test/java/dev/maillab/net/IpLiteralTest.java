package dev.maillab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void dottedQuadsAndIpv6TextAreAddresses() throws Exception {
        assertThat(IpLiteral.parse("172.19.0.3"))
                .isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 172, 19, 0, 3}));
        assertThat(IpLiteral.parse("010.1.1.1").getHostAddress()).isEqualTo("10.1.1.1");
        assertThat(IpLiteral.parse("::1").getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(IpLiteral.parse("fd00:0:0::13").getHostAddress()).isEqualTo("fd00:0:0:0:0:0:0:13");
    }

    /** Each of these would be a DNS query to InetAddress.getByName; here each is simply no literal. */
    @Test
    void namesAndMalformedTextAreNoAddressAndNeverLookedUp() {
        for (String text : List.of(
                "localhost", "mail.example.local", "256.1.1.1", "1.2.3", "1::2::3", "fe80::g1", "1.2.3.4:25", "")) {
            assertThat(IpLiteral.parse(text)).as(text).isNull();
        }
    }
}
