package dev.maillab.dns.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console keeps its stream open for good: stopping dns-server ends it, rather than the web server's graceful
 * shutdown waiting its whole timeout (30 s) for it. (Its own class: two contexts at once would share, and the first
 * to close would dispose, Reactor Netty's global resources.)
 */
class StreamShutdownTest {

    @TempDir
    Path dir;

    @Test
    void stoppingTheServiceEndsItsOpenStreams() throws Exception {
        RunningDnsServer server = RunningDnsServer.start(TestZones.copyInto(dir).namedConf());
        try (EventStreamTest.Stream stream = EventStreamTest.Stream.open(server, null)) {
            assertThat(stream.frame()).isEqualTo(": hello");

            long start = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took)
                    .as("the graceful shutdown has no stream left to wait for")
                    .isLessThan(Duration.ofSeconds(15));
            stream.reader.join(5000);
            assertThat(stream.reader.isAlive()).as("the stream reached its end").isFalse();
        }
    }
}
