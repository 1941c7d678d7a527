package dev.maillab.dns.transport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.maillab.dns.RawDns;
import dev.maillab.dns.TestZones;
import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.query.Forwarder;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.zone.ZoneStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Thousands of damaged DNS exchanges against the real transports: queries over UDP and TCP (A, MX, SOA, AXFR, ANY,
 * EDNS) with octets flipped, inserted or cut, TCP length prefixes that lie, frames split anywhere, connections
 * closed or reset mid-frame. Every answer that comes back carries the query's ID with QR set; afterwards no TCP
 * connection is left open, clean queries over both transports get the zone's data, and nothing was logged with a
 * stack trace. Bounded by {@code -Dfuzz.sessions} and {@code -Dfuzz.seconds}; {@code -Dfuzz.seed} repeats a run.
 */
class DnsSocketFuzzTest {

    private static final int MAX_CONNECTIONS = 8;
    private static final String[] NAMES = {
        "mail.example.local.",
        "example.local.",
        "ns.example.local.",
        "nobody.example.local.",
        "3.0.19.172.in-addr.arpa.",
        "outside.example."
    };
    private static final int[] TYPES = {Type.A, Type.MX, Type.SOA, Type.NS, Type.AAAA, Type.ANY, Type.AXFR, Type.PTR};

    @TempDir
    Path dir;

    @Test
    void damagedExchangesLeaveTheServerCorrectAndClean() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int sessions = Integer.getInteger("fuzz.sessions", 3000);
        long seconds = Long.getLong("fuzz.seconds", 20);
        System.out.println("DnsSocketFuzzTest: fuzz.seed=" + seed + " fuzz.sessions=" + sessions);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        ZoneStore store = ZoneStore.load(TestZones.copyInto(dir).namedConf());
        QueryProcessor processor = new QueryProcessor(
                store, new Forwarder(Duration.ofSeconds(1)), new QueryMetrics(new SimpleMeterRegistry()), 1232, 1000);
        try (DnsServer server = new DnsServer(
                        new TransportSettings(
                                InetAddress.getLoopbackAddress(), 0, 2, Duration.ofMillis(500), MAX_CONNECTIONS, 4096),
                        processor)
                .start()) {
            AtomicReference<String> badAnswer = new AtomicReference<>();
            AtomicInteger next = new AtomicInteger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                clients.execute(() -> {
                    for (int n; (n = next.getAndIncrement()) < sessions && System.nanoTime() < deadline; ) {
                        Random random = new Random(seed * 31 + n);
                        try {
                            String bad = random.nextBoolean() ? udp(server.port(), random) : tcp(server.port(), random);
                            if (bad != null) {
                                badAnswer.compareAndSet(null, "session " + n + ": " + bad);
                            }
                        } catch (IOException e) {
                            // a connection the server closed or refused (over the limit): allowed
                        }
                    }
                });
            }
            clients.shutdown();
            clients.awaitTermination(seconds + 60, TimeUnit.SECONDS);
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.tcpConnections() != 0 && System.nanoTime() < until) {
                Thread.sleep(100);
            }

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(badAnswer.get())
                    .as("an answer without the query's ID or QR (seed %d)", seed)
                    .isNull();
            soft.assertThat(server.tcpConnections())
                    .as("TCP connections left open (seed %d)", seed)
                    .isZero();
            Message udp = RawDns.udpMessage(server.port(), query(1, "mail.example.local.", Type.A));
            soft.assertThat(udp.getSection(Section.ANSWER))
                    .extracting(Record::rdataToString)
                    .as("A over UDP")
                    .containsExactly("172.19.0.3");
            try (Socket socket = RawDns.tcp(server.port())) {
                RawDns.writeFrame(socket, query(2, "example.local.", Type.MX));
                soft.assertThat(RawDns.readFrame(socket).getSection(Section.ANSWER))
                        .as("MX over TCP")
                        .isNotEmpty();
            }
            synchronized (log) {
                soft.assertThat(log.list.stream()
                                .filter(e -> e.getThrowableProxy() != null)
                                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
                                .distinct()
                                .limit(10)
                                .toList())
                        .as("logged with a stack trace (seed %d)", seed)
                        .isEmpty();
            }
            soft.assertAll();
        } finally {
            root.detachAppender(log);
        }
    }

    /** One mutated datagram; what is wrong with the answer, or null. */
    private static String udp(int port, Random random) throws IOException {
        byte[] packet = mutate(randomQuery(random), random);
        byte[] answer = RawDns.udp(port, packet, 20);
        return check(packet, answer);
    }

    /** A few queries on one connection, some mutated, with lying lengths, split writes, early close or reset. */
    private static String tcp(int port, Random random) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            byte[] message = random.nextInt(3) == 0 ? randomQuery(random) : mutate(randomQuery(random), random);
            int length = random.nextInt(8) == 0 ? random.nextInt(65536) : message.length;
            wire.write(length >> 8);
            wire.write(length);
            wire.writeBytes(message);
        }
        byte[] bytes = wire.toByteArray();
        int end = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : bytes.length;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30);
            OutputStream out = socket.getOutputStream();
            int chunk = random.nextBoolean() ? bytes.length : 1 + random.nextInt(16);
            for (int at = 0; at < end; at += chunk) {
                out.write(bytes, at, Math.min(chunk, end - at));
                out.flush();
            }
            if (random.nextInt(4) == 0) {
                socket.setSoLinger(true, 0);
                return null;
            }
            try {
                socket.getInputStream().read(new byte[4096]);
            } catch (java.net.SocketTimeoutException e) {
                // nothing yet; leave
            }
        }
        return null;
    }

    private static String check(byte[] packet, byte[] answer) {
        if (answer == null) {
            return null;
        }
        if (answer.length < 12 || answer[0] != packet[0] || answer[1] != packet[1] || (answer[2] & 0x80) == 0) {
            return "query " + Arrays.toString(packet) + " got " + Arrays.toString(answer);
        }
        return null;
    }

    private static byte[] randomQuery(Random random) throws IOException {
        byte[] q =
                query(random.nextInt(65536), NAMES[random.nextInt(NAMES.length)], TYPES[random.nextInt(TYPES.length)]);
        if (random.nextBoolean()) {
            Message m = new Message(q);
            m.addRecord(new org.xbill.DNS.OPTRecord(512 + random.nextInt(4000), 0, 0), Section.ADDITIONAL);
            q = m.toWire();
        }
        return q;
    }

    private static byte[] query(int id, String name, int type) throws IOException {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        m.getHeader().setID(id);
        return m.toWire();
    }

    /** 0 to 4 mutations; a datagram keeps at least its first two octets so the ID can be checked. */
    private static byte[] mutate(byte[] b, Random random) {
        for (int i = random.nextInt(5); i > 0 && b.length > 2; i--) {
            int at = 2 + random.nextInt(b.length - 2);
            switch (random.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, at); // cut
                default -> { // inserted
                    byte[] r = new byte[b.length + 1];
                    System.arraycopy(b, 0, r, 0, at);
                    r[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, r, at + 1, b.length - at);
                    b = r;
                }
            }
        }
        return b;
    }
}
