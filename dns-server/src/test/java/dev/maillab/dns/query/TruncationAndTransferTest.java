package dev.maillab.dns.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.RawDns;
import dev.maillab.dns.TestZones;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/** Answers too big for UDP, the same answers over TCP, and zone transfers. */
class TruncationAndTransferTest {

    /** 40 TXT records of ~60 bytes: about 2.8 KB, more than any UDP limit we allow. */
    private static final int BIG_RECORDS = 40;

    @TempDir
    static Path dir;

    static EmbeddedDnsServer server;

    @BeforeAll
    static void start() {
        String big = IntStream.range(0, BIG_RECORDS)
                .mapToObj(i -> "big IN TXT \"record %02d padding padding padding padding padding pad\"".formatted(i))
                .collect(Collectors.joining("\n"));
        TestZones zones = TestZones.copyInto(dir)
                .appendToForwardZone(big)
                .replace(
                        "named.conf",
                        "zone \"19.172.in-addr.arpa\" {\n    type master;",
                        "zone \"19.172.in-addr.arpa\" {\n    type master; allow-transfer { none; };");
        server = EmbeddedDnsServer.start(zones.namedConf());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tooBigForUdpIsTruncatedAndArrivesWholeOverTcp() throws Exception {
        Message udp = resolver(false, 1232).send(bigQuery());
        Message tcp = resolver(true, 1232).send(bigQuery());

        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(udp.getSection(Section.ANSWER)).isEmpty();
        assertThat(udp.getQuestion().getName().toString()).isEqualTo("big.example.local.");
        assertThat(udp.getOPT().getPayloadSize()).isEqualTo(1232);
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(BIG_RECORDS);
    }

    @Test
    void udpLimitIs512WithoutEdnsAndTheClientsSizeUpToOurs() throws Exception {
        // ~1.4 KB answer: 20 of the records, fetched by asking for a name carrying half of them
        Message noEdns = resolver(false, -1)
                .send(Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.ANY, DClass.IN)));
        Message small = resolver(false, 600).send(bigQuery());
        Message huge = resolver(false, 65000).send(bigQuery());

        assertThat(noEdns.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(noEdns.toWire().length).isLessThanOrEqualTo(512);
        assertThat(small.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(huge.getHeader().getFlag(Flags.TC))
                .as("capped at our 1232 bytes, not the client's")
                .isTrue();
    }

    @Test
    void answerThatFitsIsNotTruncatedOverUdp() throws Exception {
        Message response = resolver(false, -1)
                .send(Message.newQuery(Record.newRecord(Name.fromString("example.local."), Type.MX, DClass.IN)));

        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(response.getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void axfrOverTcpFromLoopbackGetsTheWholeZoneBetweenTwoSoas() throws Exception {
        ZoneTransferIn transfer = ZoneTransferIn.newAXFR(
                Name.fromString("example.local."), new InetSocketAddress("127.0.0.1", server.port()), null);
        transfer.setTimeout(Duration.ofSeconds(10));
        transfer.run();

        List<Record> records = transfer.getAXFR();
        assertThat(records.get(0).getType()).isEqualTo(Type.SOA);
        assertThat(records.get(records.size() - 1).getType()).isEqualTo(Type.SOA);
        assertThat(records).hasSize(17 + BIG_RECORDS + 1); // the zone's 17 records (SOA first), the big ones, SOA
        assertThat(records)
                .extracting(r -> r.getName().toString())
                .contains("smtp.example.local.", "_pop3._tcp.example.local.");
    }

    @Test
    void axfrOfAZoneWhoseAllowTransferExcludesUsIsRefused() throws Exception {
        ZoneTransferIn transfer = ZoneTransferIn.newAXFR(
                Name.fromString("19.172.in-addr.arpa."), new InetSocketAddress("127.0.0.1", server.port()), null);
        transfer.setTimeout(Duration.ofSeconds(10));

        assertThatThrownBy(transfer::run)
                .isInstanceOf(ZoneTransferException.class)
                .hasMessageContaining("REFUSED");
    }

    @Test
    void axfrOverUdpOrOfANameThatIsNotAZoneIsRefused() throws Exception {
        Message overUdp = RawDns.udpMessage(
                server.port(),
                Message.newQuery(Record.newRecord(Name.fromString("example.local."), Type.AXFR, DClass.IN))
                        .toWire());
        Message notApex;
        try (Socket socket = RawDns.tcp(server.port())) {
            RawDns.writeFrame(
                    socket,
                    Message.newQuery(Record.newRecord(Name.fromString("mail.example.local."), Type.AXFR, DClass.IN))
                            .toWire());
            notApex = RawDns.readFrame(socket);
        }

        assertThat(overUdp.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(notApex.getRcode()).isEqualTo(Rcode.REFUSED);
    }

    private static Message bigQuery() throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString("big.example.local."), Type.TXT, DClass.IN));
    }

    /** A resolver that does not retry over TCP by itself, so we see exactly what UDP returned. */
    private static SimpleResolver resolver(boolean tcp, int ednsPayload) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", server.port()));
        resolver.setTCP(tcp);
        resolver.setIgnoreTruncation(true);
        resolver.setTimeout(Duration.ofSeconds(5));
        if (ednsPayload < 0) {
            resolver.setEDNS(-1);
        } else {
            resolver.setEDNS(0, ednsPayload, 0, List.of());
        }
        return resolver;
    }
}
