package dev.maillab.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.maillab.dns.TestZones;
import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.zone.ZoneStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * Any datagram or TCP frame, from the repository's zones (no forwarders: nothing leaves the machine): the
 * processor never throws and never falls into its SERVFAIL-with-a-stack-trace path; a packet without a readable
 * header, or with QR set, is dropped; everything else gets a reply that dnsjava parses, with the query's ID and QR
 * set, that fits a UDP datagram (512 octets, or the EDNS size we offer).
 */
class QueryProcessorFuzzTest {

    private static final int EDNS_PAYLOAD = 1232;
    private static final QueryProcessor PROCESSOR;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    static {
        try {
            Path dir = Files.createTempDirectory("dns-fuzz");
            ZoneStore store = ZoneStore.load(TestZones.copyInto(dir).namedConf());
            PROCESSOR = new QueryProcessor(
                    store,
                    new Forwarder(Duration.ofSeconds(1)),
                    new QueryMetrics(new SimpleMeterRegistry()),
                    EDNS_PAYLOAD,
                    1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.start();
        ((Logger) LoggerFactory.getLogger(QueryProcessor.class)).addAppender(LOG);
    }

    @FuzzTest
    void answersOrDropsEveryPacket(FuzzedDataProvider data) throws IOException {
        Protocol protocol = data.consumeBoolean() ? Protocol.TCP : Protocol.UDP;
        InetAddress client = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + data.consumeInt(0, 1))});
        byte[] packet = data.consumeRemainingAsBytes();
        LOG.list.clear();

        Reply reply = PROCESSOR.process(packet, packet.length, protocol, client);

        assertThat(LOG.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        if (packet.length < 12 || (packet[2] & 0x80) != 0) {
            assertThat(reply).isInstanceOf(Reply.Drop.class);
            return;
        }
        if (reply instanceof Reply.Now now) {
            checkReply(packet, now.wire());
            if (protocol == Protocol.UDP) {
                assertThat(now.wire().length).isLessThanOrEqualTo(EDNS_PAYLOAD);
            }
        } else if (reply instanceof Reply.Stream stream) {
            assertThat(protocol).isEqualTo(Protocol.TCP);
            stream.messages().forEach(m -> checkReply(packet, m));
        } else {
            assertThat(reply).as("no forwarders are configured").isNotInstanceOf(Reply.Later.class);
        }
    }

    private static void checkReply(byte[] packet, byte[] wire) {
        Message message;
        try {
            message = new Message(wire);
        } catch (IOException e) {
            throw new AssertionError("the reply does not parse: " + e, e);
        }
        assertThat(message.getHeader().getID()).isEqualTo(((packet[0] & 0xff) << 8) | (packet[1] & 0xff));
        assertThat(message.getHeader().getFlag(Flags.QR)).isTrue();
    }
}
