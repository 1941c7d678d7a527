package dev.maillab.pop3client.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.testkit.LabServers;

/** Name resolution through the lab's real dns-server serving the project's zones (172.19.0.x unchanged). */
class HostResolverTest {

    @TempDir
    static Path dir;

    static EmbeddedDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        for (String f : new String[] {"named.conf", "db.example.local", "db.19.172.in-addr.arpa"}) {
            Files.copy(LabServers.projectRoot().resolve("zones").resolve(f), dir.resolve(f));
        }
        dns = EmbeddedDnsServer.start(dir.resolve("named.conf"));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void resolvesTheMailHostThroughTheGivenDnsServer() throws Exception {
        HostResolver.Resolved r = new HostResolver(dns.resolverAddress(), Duration.ofSeconds(3))
                .resolve("mail.example.local");
        assertThat(r.address().getHostAddress()).isEqualTo("172.19.0.3");
        assertThat(r.how()).isEqualTo("A record via " + dns.resolverAddress());
        // a CNAME (pop3 -> mail) is followed
        assertThat(new HostResolver(dns.resolverAddress(), Duration.ofSeconds(3)).resolve("pop3.example.local")
                .address().getHostAddress()).isEqualTo("172.19.0.3");
    }

    @Test
    void anUnknownNameIsReportedWithTheDnsServersAnswer() {
        assertThatThrownBy(() -> new HostResolver(dns.resolverAddress(), Duration.ofSeconds(3))
                .resolve("nosuch.example.local")).isInstanceOf(UnknownHostException.class)
                .hasMessage("cannot resolve nosuch.example.local via " + dns.resolverAddress() + ": host not found");
    }

    @Test
    void localhostAndLiteralsNeedNoDns() throws Exception {
        HostResolver r = new HostResolver(dns.resolverAddress(), Duration.ofSeconds(3));
        assertThat(r.resolve("127.0.0.1").how()).isEqualTo("address literal");
        assertThat(r.resolve("localhost").address().isLoopbackAddress()).isTrue();
    }
}
