package dev.maillab.dns.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RawDns;
import dev.maillab.dns.TestZones;
import dev.maillab.dns.metrics.QueryMetrics;
import dev.maillab.dns.query.Forwarder;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.zone.ZoneStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Malformed packets and misbehaving TCP clients: each gets its proper treatment and the server keeps serving. */
class BadInputTest {

    private static final int MAX_MESSAGE = 4096;
    private static final int MAX_CONNECTIONS = 3;

    @TempDir
    static Path dir;

    static DnsServer server;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        ZoneStore store = ZoneStore.load(TestZones.copyInto(dir).namedConf());
        QueryProcessor processor =
                new QueryProcessor(store, new Forwarder(Duration.ofSeconds(1)), new QueryMetrics(registry), 1232, 1000);
        server = new DnsServer(
                        new TransportSettings(
                                InetAddress.getLoopbackAddress(),
                                0,
                                2,
                                Duration.ofMillis(500),
                                MAX_CONNECTIONS,
                                MAX_MESSAGE),
                        processor)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void packetTooShortForAHeaderIsDroppedAndTheServerGoesOn() throws Exception {
        assertThat(RawDns.udp(server.port(), new byte[] {1, 2, 3, 4, 5}, 500)).isNull();
        assertThat(RawDns.udp(server.port(), new byte[0], 500)).isNull();
        assertStillAnswers();
        assertThat(registry.get("dns.dropped")
                        .tag("reason", "unreadable")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void packetWithQrSetIsAResponseAndIsDropped() throws Exception {
        byte[] packet = query(0x1111, "mail.example.local.");
        packet[2] |= (byte) 0x80;

        assertThat(RawDns.udp(server.port(), packet, 500)).isNull();
        assertStillAnswers();
    }

    @Test
    void twoQuestionsOrNoneIsFormerr() throws Exception {
        byte[] one = query(0x2222, "mail.example.local.");
        byte[] two = new byte[one.length + (one.length - 12)];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 12, two, one.length, one.length - 12);
        two[5] = 2;
        byte[] none = java.util.Arrays.copyOf(one, 12);
        none[5] = 0;

        Message twoAnswer = RawDns.udpMessage(server.port(), two);
        Message noneAnswer = RawDns.udpMessage(server.port(), none);

        assertThat(twoAnswer.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(twoAnswer.getHeader().getID()).isEqualTo(0x2222);
        assertThat(twoAnswer.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(noneAnswer.getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void unknownOpcodeIsNotimp() throws Exception {
        for (int opcode : new int[] {1, 2, 4, 5, 15}) {
            byte[] packet = query(0x3333, "mail.example.local.");
            packet[2] = (byte) ((packet[2] & 0x87) | (opcode << 3));

            Message answer = RawDns.udpMessage(server.port(), packet);

            assertThat(answer.getRcode()).as("opcode %d", opcode).isEqualTo(Rcode.NOTIMP);
            assertThat(answer.getHeader().getOpcode()).isEqualTo(opcode);
        }
    }

    @Test
    void questionRunningPastTheEndIsFormerrWithTheQueryId() throws Exception {
        byte[] packet = query(0x4444, "mail.example.local.");
        byte[] cut = java.util.Arrays.copyOf(packet, 16);
        byte[] badLabel = packet.clone();
        badLabel[12] = (byte) 0x7f; // a label type that does not exist

        Message cutAnswer = RawDns.udpMessage(server.port(), cut);
        Message badLabelAnswer = RawDns.udpMessage(server.port(), badLabel);

        assertThat(cutAnswer.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(cutAnswer.getHeader().getID()).isEqualTo(0x4444);
        assertThat(badLabelAnswer.getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void compressionPointerInTheQuestionIsFormerr() throws Exception {
        // "mail" + a pointer forward to "example.local": RFC 1035 pointers may only point back, and before the
        // question there is only the header
        byte[] packet = {
            0x55,
            0x55,
            0x01,
            0x00,
            0,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            4,
            'm',
            'a',
            'i',
            'l',
            (byte) 0xc0,
            12 + 5 + 2 + 4,
            0,
            1,
            0,
            1,
            7,
            'e',
            'x',
            'a',
            'm',
            'p',
            'l',
            'e',
            5,
            'l',
            'o',
            'c',
            'a',
            'l',
            0
        };

        Message answer = RawDns.udpMessage(server.port(), packet);

        assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(answer.getHeader().getID()).isEqualTo(0x5555);
    }

    @Test
    void trailingBytesAfterTheQuestionAreFormerr() throws Exception {
        byte[] packet = java.util.Arrays.copyOf(query(0x5656, "mail.example.local."), 40);

        assertThat(RawDns.udpMessage(server.port(), packet).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void oversizedDatagramGetsFormerrNotACrash() throws Exception {
        byte[] packet = java.util.Arrays.copyOf(query(0x6666, "mail.example.local."), MAX_MESSAGE + 2000);

        Message answer = RawDns.udpMessage(server.port(), packet);

        assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
        assertStillAnswers();
    }

    @Test
    void randomGarbageNeverGetsAnythingButAnErrorAndTheServerSurvives() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] packet = new byte[12 + random.nextInt(300)];
            random.nextBytes(packet);
            packet[2] &= 0x7f; // not a response, so it is not silently dropped
            byte[] answer = RawDns.udp(server.port(), packet, 300);
            if (answer != null) {
                assertThat(answer.length).isGreaterThanOrEqualTo(12);
                assertThat(answer[0]).isEqualTo(packet[0]);
                assertThat(answer[1]).isEqualTo(packet[1]);
                assertThat(answer[2] & 0x80).as("QR set").isEqualTo(0x80);
            }
        }
        assertStillAnswers();
    }

    @Test
    void severalQueriesOnOneTcpConnection() throws Exception {
        try (Socket socket = RawDns.tcp(server.port())) {
            RawDns.writeFrame(socket, query(1, "mail.example.local."));
            RawDns.writeFrame(socket, query(2, "ns.example.local."));
            RawDns.writeFrame(socket, query(3, "nobody.example.local."));

            List<Message> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(RawDns.readFrame(socket));
            }
            assertThat(answers).extracting(m -> m.getHeader().getID()).containsExactly(1, 2, 3);
            assertThat(answers.get(0).getSection(Section.ANSWER))
                    .extracting(Record::rdataToString)
                    .containsExactly("172.19.0.3");
            assertThat(answers.get(2).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void garbageTcpFrameClosesThatConnectionOnly() throws Exception {
        try (Socket good = RawDns.tcp(server.port());
                Socket bad = RawDns.tcp(server.port())) {
            RawDns.writeFrame(good, query(7, "mail.example.local."));
            assertThat(RawDns.readFrame(good).getHeader().getID()).isEqualTo(7);

            RawDns.writeFrame(bad, new byte[] {1, 2, 3});
            assertThat(RawDns.closedByServer(bad)).isTrue();

            RawDns.writeFrame(good, query(8, "mail.example.local."));
            assertThat(RawDns.readFrame(good).getHeader().getID()).isEqualTo(8);
        }
    }

    @Test
    void oversizedTcpFrameClosesTheConnection() throws Exception {
        try (Socket socket = RawDns.tcp(server.port())) {
            RawDns.writeFrame(socket, new byte[MAX_MESSAGE + 1]);

            assertThat(RawDns.closedByServer(socket)).isTrue();
        }
        assertStillAnswers();
    }

    @Test
    void malformedButReadableTcpQueryGetsFormerrAndTheConnectionStaysUsable() throws Exception {
        try (Socket socket = RawDns.tcp(server.port())) {
            RawDns.writeFrame(socket, java.util.Arrays.copyOf(query(9, "mail.example.local."), 16));
            assertThat(RawDns.readFrame(socket).getRcode()).isEqualTo(Rcode.FORMERR);

            RawDns.writeFrame(socket, query(10, "mail.example.local."));
            assertThat(RawDns.readFrame(socket).getRcode()).isEqualTo(Rcode.NOERROR);
        }
    }

    @Test
    void idleTcpConnectionIsClosedByTheServer() throws Exception {
        try (Socket socket = RawDns.tcp(server.port())) {
            // nothing sent: the server's 500 ms idle timeout closes it well before our 10 s read timeout
            assertThat(RawDns.closedByServer(socket)).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                Socket socket = RawDns.tcp(server.port());
                RawDns.writeFrame(socket, query(20 + i, "mail.example.local."));
                assertThat(RawDns.readFrame(socket).getHeader().getID()).isEqualTo(20 + i);
                open.add(socket);
            }
            try (Socket extra = RawDns.tcp(server.port())) {
                assertThat(RawDns.closedByServer(extra)).isTrue();
            }
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private static void assertStillAnswers() throws Exception {
        Message answer = RawDns.udpMessage(server.port(), query(0x7777, "mail.example.local."));
        assertThat(answer.getHeader().getID()).isEqualTo(0x7777);
        assertThat(answer.getSection(Section.ANSWER))
                .extracting(Record::rdataToString)
                .containsExactly("172.19.0.3");
    }

    private static byte[] query(int id, String name) throws Exception {
        Message message = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        message.getHeader().setID(id);
        return message.toWire();
    }
}
