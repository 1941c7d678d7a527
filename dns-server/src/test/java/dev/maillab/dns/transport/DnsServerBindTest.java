package dev.maillab.dns.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.dns.TestZones;
import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.query.Forwarder;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.zone.ZoneStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port that is taken, as the free UDP port's TCP twin can be when another process takes it between the two binds:
 * Netty reports that as a checked IOException it throws unchecked, and it must count as a failed bind like any other.
 */
class DnsServerBindTest {

    @TempDir
    Path dir;

    @Test
    void aFixedPortTakenOverTcpIsOneClearErrorAndNothingIsLeftBound() throws Exception {
        QueryProcessor processor = new QueryProcessor(
                ZoneStore.load(TestZones.copyInto(dir).namedConf()),
                new Forwarder(Duration.ofSeconds(1)),
                new QueryMetrics(new SimpleMeterRegistry()),
                1232,
                100);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            int port = taken.getLocalPort();
            DnsServer server =
                    new DnsServer(new TransportSettings(loopback, port, 1, Duration.ofSeconds(5), 8, 4096), processor);
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("Address already in use");
            assertThat(server.isListening()).isFalse();
        }
    }
}
