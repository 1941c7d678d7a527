package dev.maillab.dns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
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
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * TCP clients that try to hold the server: many connections from one address, a message that never completes,
 * length prefixes of 0 and 65535. Clients come from different loopback addresses (127.0.0.2, .3, ...), which Linux
 * routes to the server on 127.0.0.1 like any other.
 */
class HostileClientsTest {

    private static final int TOTAL = 8;
    private static final int PER_CLIENT = 3;
    private static final long IDLE_MILLIS = 800;

    @TempDir
    static Path dir;

    static DnsServer server;
    private ListAppender<ILoggingEvent> log;

    @BeforeAll
    static void start() throws Exception {
        ZoneStore store = ZoneStore.load(TestZones.copyInto(dir).namedConf());
        QueryProcessor processor = new QueryProcessor(
                store, new Forwarder(Duration.ofSeconds(1)), new QueryMetrics(new SimpleMeterRegistry()), 1232, 1000);
        server = new DnsServer(
                        new TransportSettings(
                                InetAddress.getLoopbackAddress(),
                                0,
                                1,
                                Duration.ofMillis(IDLE_MILLIS),
                                TOTAL,
                                4096,
                                PER_CLIENT),
                        processor)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(DnsServer.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(DnsServer.class)).detachAppender(log);
    }

    @Test
    void oneAddressOpeningManyConnectionsGetsItsShareAndTheOthersStillGetIn() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                flood.add(from("127.0.0.2"));
            }
            int served = 0;
            for (Socket socket : flood) {
                if (answers(socket, 100 + served)) {
                    served++;
                }
            }
            assertThat(served).isEqualTo(PER_CLIENT);

            try (Socket other = from("127.0.0.3")) {
                assertThat(answers(other, 7))
                        .as("a second address still finds a slot")
                        .isTrue();
            }
            // 37 refusals of one episode: one WARN, no stack trace
            List<ILoggingEvent> warnings =
                    log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage())
                    .isEqualTo("tcp 127.0.0.2: holds its maximum of TCP connections; closing this and further ones"
                            + " until a slot frees");
            assertThat(warnings.get(0).getThrowableProxy()).isNull();
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        // the slots come back when the connections close
        awaitOpenConnections(0);
        try (Socket again = from("127.0.0.2")) {
            assertThat(answers(again, 8)).isTrue();
        }
    }

    @Test
    void aMessageTrickledAByteAtATimeDoesNotKeepTheConnectionOpen() throws Exception {
        try (Socket socket = from("127.0.0.4")) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 100}); // a 100-byte message announced, then a byte well within the idle time
            out.flush();
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 60 && !closed; i++) {
                Thread.sleep(IDLE_MILLIS / 4);
                try {
                    out.write(0);
                    out.flush();
                } catch (IOException reset) {
                    closed = true;
                }
                if (!closed && socket.getInputStream().available() == 0) {
                    socket.setSoTimeout(1);
                    try {
                        closed = socket.getInputStream().read() == -1;
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // nothing yet
                    } catch (IOException reset) {
                        closed = true;
                    }
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(closed).as("closed while bytes still trickled in").isTrue();
            assertThat(millis).isLessThan(IDLE_MILLIS * 4);
        }
        assertStillAnswers();
    }

    @Test
    void lengthPrefixZeroOr65535ThenSilenceClosesThatConnectionOnly() throws Exception {
        try (Socket zero = from("127.0.0.5");
                Socket huge = from("127.0.0.5");
                Socket announced = from("127.0.0.6")) {
            zero.getOutputStream().write(new byte[] {0, 0});
            huge.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff});
            announced.getOutputStream().write(new byte[] {0, 40, 1, 2, 3});

            assertThat(RawDns.closedByServer(zero)).isTrue();
            assertThat(RawDns.closedByServer(huge)).isTrue();
            long start = System.nanoTime();
            assertThat(RawDns.closedByServer(announced)).isTrue(); // by the idle timeout, not our 10 s read timeout
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(IDLE_MILLIS * 4);
        }
        assertStillAnswers();
    }

    @Test
    void aClientThatSendsQueriesButNeverReadsTheAnswersIsStoppedAndClosed() throws Exception {
        byte[] any = query(1, Type.ANY); // ~30 bytes in, ~200 out: unread answers would pile up in the server
        byte[] chunk = new byte[16 * 1024 / (any.length + 2) * (any.length + 2)];
        for (int at = 0; at < chunk.length; at += any.length + 2) {
            chunk[at + 1] = (byte) any.length;
            System.arraycopy(any, 0, chunk, at + 2, any.length);
        }
        long start = System.nanoTime();
        boolean closed = false;
        try (Socket socket = from("127.0.0.7")) {
            OutputStream out = socket.getOutputStream();
            // about 800 KB of queries a second for at most 20 s (kernel buffers take a few MB first); never a read
            while (!closed && System.nanoTime() - start < 20_000_000_000L) {
                try {
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(20);
                } catch (IOException reset) {
                    closed = true;
                }
            }
        }
        assertThat(closed)
                .as("the server closed the connection while the client kept sending")
                .isTrue();
        assertStillAnswers();
    }

    private static void assertStillAnswers() throws Exception {
        try (Socket socket = from("127.0.0.9")) {
            assertThat(answers(socket, 9)).isTrue();
        }
    }

    private static void awaitOpenConnections(int expected) throws InterruptedException {
        for (int i = 0; i < 100 && server.tcpConnections() != expected; i++) {
            Thread.sleep(20);
        }
        assertThat(server.tcpConnections()).isEqualTo(expected);
    }

    /** True when the connection answers a query; false when the server closed it. */
    private static boolean answers(Socket socket, int id) throws Exception {
        try {
            RawDns.writeFrame(socket, query(id));
            return RawDns.readFrame(socket).getHeader().getID() == id;
        } catch (IOException closed) {
            return false;
        }
    }

    private static Socket from(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] query(int id) throws Exception {
        return query(id, Type.A);
    }

    private static byte[] query(int id, int type) throws Exception {
        Message message = Message.newQuery(Record.newRecord(
                Name.fromString(type == Type.ANY ? "example.local." : "mail.example.local."), type, DClass.IN));
        message.getHeader().setID(id);
        return message.toWire();
    }
}
