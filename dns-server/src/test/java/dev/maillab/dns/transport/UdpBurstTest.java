package dev.maillab.dns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.TestZones;
import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.query.Forwarder;
import dev.maillab.dns.query.Protocol;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.zone.ZoneStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Queries sent in bursts, without waiting for answers, so that the server reads them many per system call and
 * writes its answers from one buffer per batch: every query gets its own answer (its ID, its name in the letter case
 * it was asked in, its records), whatever the others in the batch were, and the listener hears of each one once.
 */
class UdpBurstTest {

    private static final int BURST = 400;
    private static final int BURSTS = 10;
    private static final List<String> NAMES =
            List.of("example.local.", "mail.example.local.", "nosuch.example.local.", "ns.example.local.");

    @TempDir
    static Path dir;

    static DnsServer server;
    static final Map<Integer, AtomicInteger> told = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        ZoneStore store = ZoneStore.load(TestZones.copyInto(dir).namedConf());
        QueryProcessor processor = new QueryProcessor(
                store, new Forwarder(Duration.ofSeconds(1)), new QueryMetrics(new SimpleMeterRegistry()), 1232, 1000);
        AnswerListener listener = new AnswerListener() {
            @Override
            public void answered(Protocol protocol, InetSocketAddress client, byte[] reply, long nanos) {
                told.computeIfAbsent(((reply[0] & 0xff) << 8) | (reply[1] & 0xff), id -> new AtomicInteger())
                        .incrementAndGet();
            }

            @Override
            public void faulted(
                    Protocol protocol,
                    InetSocketAddress client,
                    byte[] message,
                    boolean sent,
                    String fault,
                    long nanos) {}

            @Override
            public void transferred(Protocol protocol, InetSocketAddress client, List<byte[]> replies, long nanos) {}
        };
        server = new DnsServer(
                        new TransportSettings(
                                InetAddress.getLoopbackAddress(), 0, 2, Duration.ofSeconds(5), 8, 4096, 4),
                        processor,
                        listener)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The name of query {@code id}, its letters in a case pattern of its own (0x20 randomisation). */
    private static String nameOf(int id) {
        String name = NAMES.get(id % NAMES.size());
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(((id >> (i % 12)) & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    @Test
    void everyQueryOfABurstGetsItsOwnAnswer() throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        Map<Integer, Message> answers = new HashMap<>();
        try (DatagramChannel client = DatagramChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            client.connect(to);
            ByteBuffer in = ByteBuffer.allocate(4096);
            for (int burst = 0; burst < BURSTS; burst++) {
                for (int i = 0; i < BURST; i++) {
                    int id = burst * BURST + i + 1;
                    Message query = Message.newQuery(
                            Record.newRecord(Name.fromString(nameOf(id)), id % 2 == 0 ? Type.A : Type.MX, DClass.IN));
                    query.getHeader().setID(id);
                    client.write(ByteBuffer.wrap(query.toWire()));
                }
                client.socket().setSoTimeout(5000);
                for (int i = 0; i < BURST; i++) {
                    in.clear();
                    int n = client.socket().getChannel().read(in);
                    Message answer = new Message(java.util.Arrays.copyOf(in.array(), n));
                    assertThat(answers.put(answer.getHeader().getID(), answer))
                            .as("a second answer for one query")
                            .isNull();
                }
            }
        }
        assertThat(answers).hasSize(BURST * BURSTS);
        for (Map.Entry<Integer, Message> e : answers.entrySet()) {
            int id = e.getKey();
            Message answer = e.getValue();
            Record question = answer.getQuestion();
            assertThat(question.getName().toString()).isEqualTo(nameOf(id)); // byte for byte, case kept
            assertThat(question.getType()).isEqualTo(id % 2 == 0 ? Type.A : Type.MX);
            boolean exists = !NAMES.get(id % NAMES.size()).startsWith("nosuch");
            assertThat(answer.getRcode()).isEqualTo(exists ? Rcode.NOERROR : Rcode.NXDOMAIN);
            for (Record r : answer.getSection(Section.ANSWER)) {
                assertThat(r.getName()).isEqualTo(question.getName());
                assertThat(r.getType()).isEqualTo(question.getType());
            }
        }
        // told after each batch's flush, once per answer
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (told.size() < BURST * BURSTS && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(told).hasSize(BURST * BURSTS);
        assertThat(told.values()).allMatch(count -> count.get() == 1);
    }
}
