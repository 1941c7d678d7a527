package dev.maillab.client.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.labservers.ProjectZonesDns;
import dev.maillab.net.ServerAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Name resolution through the lab's real dns-server serving the project's zones (172.19.0.x unchanged). */
class HostResolverTest {

    @RegisterExtension
    static final ProjectZonesDns dns = new ProjectZonesDns();

    @Test
    void resolvesTheMailHostThroughTheGivenDnsServer() throws Exception {
        HostResolver.Resolved r = new HostResolver(dnsServer(), Duration.ofSeconds(3)).resolve("mail.example.local");
        assertThat(r.address().getHostAddress()).isEqualTo("172.19.0.3");
        assertThat(r.how()).isEqualTo("A record via " + dns.resolver());
        // a CNAME (pop3 -> mail) is followed
        assertThat(new HostResolver(dnsServer(), Duration.ofSeconds(3))
                        .resolve("pop3.example.local")
                        .address()
                        .getHostAddress())
                .isEqualTo("172.19.0.3");
    }

    @Test
    void anUnknownNameIsReportedWithTheDnsServersAnswer() {
        assertThatThrownBy(() -> new HostResolver(dnsServer(), Duration.ofSeconds(3)).resolve("nosuch.example.local"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("cannot resolve nosuch.example.local via " + dns.resolver() + ": host not found");
    }

    @Test
    void localhostAndLiteralsNeedNoDns() throws Exception {
        HostResolver r = new HostResolver(dnsServer(), Duration.ofSeconds(3));
        assertThat(r.resolve("127.0.0.1").how()).isEqualTo("address literal");
        assertThat(r.resolve("localhost").address().isLoopbackAddress()).isTrue();
    }

    private static ServerAddress dnsServer() {
        return ServerAddress.valueOf(dns.resolver());
    }
}
