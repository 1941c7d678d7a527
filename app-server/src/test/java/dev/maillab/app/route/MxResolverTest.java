package dev.maillab.app.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.labservers.ProjectZonesDns;
import dev.maillab.net.ServerAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MX routing through the lab's real dns-server serving the project's zones as they are (172.19.0.x). */
class MxResolverTest {

    @RegisterExtension
    static final ProjectZonesDns dns = new ProjectZonesDns();

    @Test
    void theMxOfTheDomainAndItsAddressComeFromTheConfiguredDnsServer() {
        List<MailHost> route = new MxResolver(
                        dnsServer(), Duration.ofSeconds(3), 25, ServerAddress.valueOf("fallback.invalid"))
                .route("example.local");
        assertThat(route).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("mail.example.local");
            assertThat(h.address().getHostAddress()).isEqualTo("172.19.0.3");
            assertThat(h.port()).isEqualTo(25);
            assertThat(h.via()).isEqualTo("MX 10 of example.local");
        });
    }

    @Test
    void theFallbackHostIsUsedOnlyWhenTheMxLookupFails() {
        List<MailHost> route = new MxResolver(
                        dnsServer(), Duration.ofSeconds(3), 2525, ServerAddress.valueOf("smtp-server.example.local"))
                .route("nowhere.invalid");
        assertThat(route).singleElement().satisfies(h -> {
            assertThat(h.address().getHostAddress()).isEqualTo("172.19.0.3"); // the fallback's A, via the same DNS
            assertThat(h.port()).isEqualTo(2525);
            assertThat(h.via()).startsWith("fallback host (MX lookup of nowhere.invalid");
        });
        assertThat(new MxResolver(dnsServer(), Duration.ofSeconds(3), 25, ServerAddress.valueOf("127.0.0.1:2526"))
                        .route("nowhere.invalid")
                        .get(0)
                        .port())
                .isEqualTo(2526);
    }

    @Test
    void withoutMxAndWithoutFallbackThereIsNoRoute() {
        assertThatThrownBy(() -> new MxResolver(dnsServer(), Duration.ofSeconds(3), 25, null).route("nowhere.invalid"))
                .isInstanceOf(NoRouteException.class)
                .hasMessageContaining("MX lookup of nowhere.invalid via " + dns.resolver() + " failed")
                .hasMessageContaining("no fallback host configured");
    }

    @Test
    void theRouteNamesEachLookupMadeWithItsAnswers() {
        MxResolver.Route route = new MxResolver(dnsServer(), Duration.ofSeconds(3), 25, null).resolve("example.local");
        assertThat(route.lookups())
                .containsExactly(
                        new DnsLookup("example.local.", "MX", List.of("10 mail.example.local.")),
                        new DnsLookup("mail.example.local.", "A", List.of("172.19.0.3")));
        // a failed MX lookup, then the fallback host's A: both made, both named
        MxResolver.Route fallback = new MxResolver(
                        dnsServer(), Duration.ofSeconds(3), 25, ServerAddress.valueOf("smtp-server.example.local"))
                .resolve("nowhere.invalid");
        assertThat(fallback.lookups())
                .containsExactly(
                        new DnsLookup("nowhere.invalid.", "MX", List.of()),
                        new DnsLookup("smtp-server.example.local.", "A", List.of("172.19.0.3")));
        assertThatThrownBy(
                        () -> new MxResolver(dnsServer(), Duration.ofSeconds(3), 25, null).resolve("nowhere.invalid"))
                .isInstanceOfSatisfying(
                        NoRouteException.class,
                        e -> assertThat(e.lookups())
                                .containsExactly(new DnsLookup("nowhere.invalid.", "MX", List.of())));
    }

    private static ServerAddress dnsServer() {
        return ServerAddress.valueOf(dns.resolver());
    }
}
