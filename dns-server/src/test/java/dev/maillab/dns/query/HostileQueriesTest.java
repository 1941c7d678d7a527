package dev.maillab.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.RawDns;
import dev.maillab.dns.TestZones;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Queries an attacker crafts: each gets its RFC rcode with the query's ID, and the server answers the next one. */
class HostileQueriesTest {

    @TempDir
    static Path dir;

    static EmbeddedDnsServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedDnsServer.start(TestZones.copyInto(dir).namedConf());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void qdcount65535IsFormerr() throws Exception {
        byte[] packet = query(0x0101, "mail.example.local.", Type.A);
        packet[4] = (byte) 0xff;
        packet[5] = (byte) 0xff;

        assertFormerr(packet, 0x0101);
    }

    @Test
    void compressionPointerLoopsAreFormerr() throws Exception {
        // the question's name is a pointer to itself
        byte[] self = {0x02, 0x02, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1};
        // two labels pointing at each other
        byte[] pair = {
            0x03, 0x03, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', (byte) 0xc0, 17, 1, 'b', (byte) 0xc0, 12, 0, 1, 0, 1
        };
        // a plain question, then an additional record whose owner loops
        byte[] plain = query(0x0404, "mail.example.local.", Type.A);
        byte[] inAdditional =
                concat(plain, new byte[] {(byte) 0xc0, (byte) plain.length, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0});
        inAdditional[11] = 1;

        assertFormerr(self, 0x0202);
        assertFormerr(pair, 0x0303);
        assertFormerr(inAdditional, 0x0404);
    }

    @Test
    void twoOptRecordsOrAnOptNotOwnedByTheRootAreFormerr() throws Exception {
        Message two = Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.A, DClass.IN));
        two.getHeader().setID(0x0505);
        two.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        two.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        byte[] named = withOpt(
                query(0x0606, "mail.example.local.", Type.A),
                new byte[] {1, 'x', 0, 0, 41, 4, (byte) 0xd0, 0, 0, 0, 0, 0, 0});

        assertFormerr(two.toWire(), 0x0505);
        assertFormerr(named, 0x0606);
    }

    @Test
    void ednsOptionsOfAnyContentAreIgnoredButOptionsRunningPastTheRecordAreFormerr() throws Exception {
        Message garbage = Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.A, DClass.IN));
        garbage.getHeader().setID(0x0707);
        garbage.addRecord(
                new OPTRecord(
                        1232,
                        0,
                        0,
                        0,
                        List.of(
                                new GenericEDNSOption(65001, new byte[] {1, 2, 3}),
                                new GenericEDNSOption(10, new byte[3]),
                                new GenericEDNSOption(8, new byte[] {(byte) 0xff}))),
                Section.ADDITIONAL);
        // OPT rdata of 4 bytes holding an option that claims 200 bytes
        byte[] overrun = withOpt(
                query(0x0808, "mail.example.local.", Type.A),
                new byte[] {0, 0, 41, 4, (byte) 0xd0, 0, 0, 0, 0, 0, 4, 0, 10, 0, (byte) 200});

        Message answer = RawDns.udpMessage(server.port(), garbage.toWire());
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER))
                .extracting(Record::rdataToString)
                .containsExactly("172.19.0.3");
        assertFormerr(overrun, 0x0808);
    }

    @Test
    void anyOverUdpGetsOneSynthesizedHinfoAndOverTcpEverything() throws Exception {
        Message udp = RawDns.udpMessage(server.port(), query(0x0909, "example.local.", Type.ANY));

        assertThat(udp.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(udp.getSection(Section.ANSWER))
                .hasSize(1)
                .first()
                .isInstanceOfSatisfying(
                        HINFORecord.class, hinfo -> assertThat(hinfo.getCPU()).isEqualTo("RFC8482"));
        assertThat(udp.getSection(Section.ADDITIONAL)).isEmpty();

        try (Socket socket = RawDns.tcp(server.port())) {
            RawDns.writeFrame(socket, query(0x0a0a, "example.local.", Type.ANY));
            Message tcp = RawDns.readFrame(socket);
            assertThat(tcp.getSection(Section.ANSWER))
                    .extracting(Record::getType)
                    .contains(Type.SOA, Type.NS, Type.MX, Type.TXT);
        }
        // a name that does not exist stays NXDOMAIN with the SOA, over UDP too
        Message none = RawDns.udpMessage(server.port(), query(0x0b0b, "nobody.example.local.", Type.ANY));
        assertThat(none.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(none.getSection(Section.AUTHORITY))
                .extracting(Record::getType)
                .containsExactly(Type.SOA);
    }

    private static void assertFormerr(byte[] packet, int id) throws Exception {
        Message answer = RawDns.udpMessage(server.port(), packet);
        assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(answer.getHeader().getID()).isEqualTo(id);
        Message still = RawDns.udpMessage(server.port(), query(0x7777, "mail.example.local.", Type.A));
        assertThat(still.getSection(Section.ANSWER))
                .extracting(Record::rdataToString)
                .containsExactly("172.19.0.3");
    }

    /** Appends a hand-made OPT record and counts it in ARCOUNT. */
    private static byte[] withOpt(byte[] query, byte[] opt) {
        byte[] packet = concat(query, opt);
        packet[11] = 1;
        return packet;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] query(int id, String name, int type) throws Exception {
        Message message = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        message.getHeader().setID(id);
        return Arrays.copyOf(message.toWire(), message.toWire().length);
    }
}
