package dev.maillab.mailserver.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.testkit.TestProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;

/** Reverse lookups over a real UDP socket: forward-confirmed names, "unknown" otherwise, cached, bounded. */
class DnsReverseResolverTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    static PTRRecord ptr(String target) throws Exception {
        return new PTRRecord(Name.fromString("1.0.0.127.in-addr.arpa."), DClass.IN, 60, Name.fromString(target));
    }

    static ARecord a(String name, String address) throws Exception {
        return new ARecord(Name.fromString(name), DClass.IN, 60, InetAddress.getByName(address));
    }

    private static DnsReverseResolver resolver(TestDnsServer dns) {
        return new DnsReverseResolver(dnsServer(dns.hostPort()), Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    @Test
    void forwardConfirmedPtrGivesTheName() throws Exception {
        try (TestDnsServer dns = new TestDnsServer(
                List.of(ptr("app-server.example.local."), a("app-server.example.local.", "127.0.0.1")), false)) {
            DnsReverseResolver resolver = resolver(dns);
            assertThat(resolver.nameOf(CLIENT)).isEqualTo("app-server.example.local");
            int asked = dns.queries();
            assertThat(resolver.nameOf(CLIENT)).isEqualTo("app-server.example.local");
            assertThat(dns.queries()).as("second lookup comes from the cache").isEqualTo(asked);
        }
    }

    @Test
    void ptrThatDoesNotResolveBackIsUnknown() throws Exception {
        try (TestDnsServer dns =
                new TestDnsServer(List.of(ptr("liar.example.local."), a("liar.example.local.", "10.9.9.9")), false)) {
            assertThat(resolver(dns).nameOf(CLIENT)).isEqualTo(ReverseResolver.UNKNOWN);
        }
    }

    @Test
    void noPtrIsUnknown() throws Exception {
        try (TestDnsServer dns = new TestDnsServer(List.of(), false)) {
            assertThat(resolver(dns).nameOf(CLIENT)).isEqualTo(ReverseResolver.UNKNOWN);
        }
    }

    @Test
    void silentServerIsUnknownAfterTheTimeout() throws Exception {
        try (TestDnsServer dns = new TestDnsServer(List.of(), true)) {
            assertThat(resolver(dns).nameOf(CLIENT)).isEqualTo(ReverseResolver.UNKNOWN);
            assertThat(dns.queries()).isPositive();
        }
    }

    /** {@code maillab.smtp.resolver} as the application binds it. */
    static InetSocketAddress dnsServer(String resolver) {
        return TestProperties.bind(ReverseLookupProperties.class, Map.of("resolver", resolver))
                .dnsServer();
    }

    @Test
    void theResolverSettingNamesTheServerAsEveryServerSettingDoes() throws Exception {
        assertThat(dnsServer("127.0.0.1:1053")).isEqualTo(new InetSocketAddress("127.0.0.1", 1053));
        assertThat(dnsServer("127.0.0.1")).isEqualTo(new InetSocketAddress("127.0.0.1", 53));
        assertThat(dnsServer("::1")).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 53));
        assertThat(dnsServer("[::1]:1053")).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 1053));
        assertThat(dnsServer("")).isNull();
        assertThatThrownBy(() -> dnsServer("127.0.0.1:notaport"))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("maillab.smtp")
                .hasRootCauseMessage("not a server address (host[:port]): '127.0.0.1:notaport': expected host[:port]");
    }
}
