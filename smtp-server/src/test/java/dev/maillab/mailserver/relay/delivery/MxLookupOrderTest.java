package dev.maillab.mailserver.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.EmbeddedDnsServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.SimpleResolver;

/**
 * The order MX hosts are tried in (RFC 5321 5.1), asked of the lab's real dns-server over UDP: lower preference
 * always first, hosts of equal preference in a random order. The random source is the seam: a seeded one makes
 * every run the same.
 */
class MxLookupOrderTest {

    private static final String ZONE = """
            $TTL 60
            $ORIGIN example.test.
            @      IN SOA ns.example.test. hostmaster.example.test. ( 1 3600 900 604800 60 )
                   IN NS  ns.example.test.
                   IN MX  20 backup.example.test.
                   IN MX  10 a.example.test.
                   IN MX  10 b.example.test.
                   IN MX  10 c.example.test.
                   IN MX  5 first.example.test.
            ns     IN A   127.0.0.3
            first  IN A   127.0.0.5
            a      IN A   127.0.0.6
            b      IN A   127.0.0.7
            c      IN A   127.0.0.8
            backup IN A   127.0.0.9
            """;

    @TempDir
    static Path dir;

    static EmbeddedDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("db.example.test"), ZONE);
        Files.writeString(dir.resolve("named.conf"), """
                options { recursion no; };
                zone "example.test" { type master; file "db.example.test"; };
                """);
        dns = EmbeddedDnsServer.start(dir.resolve("named.conf"));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static MxLookup lookup(Random random) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTimeout(Duration.ofSeconds(5));
        return new MxLookup(resolver, random);
    }

    private static List<String> order(MxLookup mx) {
        MxLookup.Route route = mx.route("example.test");
        assertThat(route).isInstanceOf(MxLookup.Hosts.class);
        return ((MxLookup.Hosts) route).hosts().stream().map(MailHost::name).toList();
    }

    @Test
    void lowerPreferenceComesFirstAndEqualPreferencesAreShuffled() {
        MxLookup mx = lookup(new Random(5321));
        Set<List<String>> middles = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            List<String> hosts = order(mx);
            assertThat(hosts).hasSize(5);
            assertThat(hosts.get(0)).isEqualTo("first.example.test");
            assertThat(hosts.get(4)).isEqualTo("backup.example.test");
            assertThat(hosts.subList(1, 4))
                    .containsExactlyInAnyOrder("a.example.test", "b.example.test", "c.example.test");
            middles.add(List.copyOf(hosts.subList(1, 4)));
        }
        // 3 hosts of preference 10: all 6 orders come up (each lookup is a fresh shuffle)
        assertThat(middles).hasSize(6);
    }

    @Test
    void theOrderComesFromTheInjectedRandomSource() {
        MxLookup one = lookup(new Random(7));
        MxLookup same = lookup(new Random(7));
        for (int i = 0; i < 20; i++) {
            assertThat(order(same)).isEqualTo(order(one));
        }
        // a source that never swaps (Collections.shuffle swaps i with nextInt(i + 1) = i) keeps the sorted order:
        // the preference order alone, equal ones as the sort left them
        Random noSwap = new Random() {
            @Override
            public int nextInt(int bound) {
                return bound - 1;
            }
        };
        assertThat(order(lookup(noSwap))).startsWith("first.example.test").endsWith("backup.example.test");
    }
}
