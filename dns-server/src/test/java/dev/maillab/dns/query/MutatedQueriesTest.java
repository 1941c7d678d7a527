package dev.maillab.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.TestZones;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Well-formed queries (plain, EDNS with options, UPDATE, with answer records) mutated at random: bytes overwritten,
 * compression pointers planted anywhere, cut short. Over UDP, each one gets an answer with its ID and QR set and
 * never SERVFAIL (which would mean the packet hit a bug rather than a check). Seeded, so a failure repeats.
 */
class MutatedQueriesTest {

    private static final int PACKETS = 3000;

    @TempDir
    Path dir;

    @Test
    void everyMutatedQueryGetsAProperErrorOrAnswerAndNeverServfail() throws Exception {
        List<byte[]> seeds = seeds();
        Random random = new Random(20261201);
        List<String> bad = new ArrayList<>();
        try (EmbeddedDnsServer server =
                        EmbeddedDnsServer.start(TestZones.copyInto(dir).namedConf());
                DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(2000);
            byte[] buffer = new byte[65535];
            for (int i = 0; i < PACKETS; i++) {
                byte[] packet = mutate(seeds.get(random.nextInt(seeds.size())), random);
                packet[0] = (byte) (i >> 8);
                packet[1] = (byte) i;
                socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), server.port()));
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                socket.receive(answer);
                byte[] reply = Arrays.copyOf(buffer, answer.getLength());
                if (reply.length < 12
                        || reply[0] != packet[0]
                        || reply[1] != packet[1]
                        || (reply[2] & 0x80) == 0
                        || (reply[3] & 0x0f) == 2) {
                    bad.add(HexFormat.of().formatHex(packet) + " -> "
                            + HexFormat.of().formatHex(reply));
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] q = seed.clone();
        int mutations = 1 + random.nextInt(4);
        for (int k = 0; k < mutations && q.length > 13; k++) {
            int at = 12 + random.nextInt(q.length - 12);
            switch (random.nextInt(4)) {
                case 0 -> q[random.nextInt(q.length)] = (byte) random.nextInt(256);
                case 1 -> q[at] = (byte) (0xc0 | random.nextInt(64));
                case 2 -> q = Arrays.copyOf(q, at);
                default -> {
                    if (at + 1 < q.length) {
                        q[at] = (byte) 0xc0;
                        q[at + 1] = (byte) (12 + random.nextInt(q.length - 12));
                    }
                }
            }
        }
        if (q.length < 12) {
            q = Arrays.copyOf(q, 12);
        }
        q[2] &= 0x7f; // a query, not a response (responses are dropped without an answer)
        return q;
    }

    private static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        Name mail = Name.fromString("mail.example.local.");
        for (int type : new int[] {Type.A, Type.ANY, Type.AXFR, Type.MX, Type.PTR, Type.SRV}) {
            seeds.add(Message.newQuery(Record.newRecord(mail, type, DClass.IN)).toWire());
            Message edns = Message.newQuery(Record.newRecord(Name.fromString("example.local."), type, DClass.IN));
            edns.addRecord(
                    new OPTRecord(
                            1232,
                            0,
                            0,
                            ExtendedFlags.DO,
                            List.of(new GenericEDNSOption(10, new byte[8]), new GenericEDNSOption(12, new byte[20]))),
                    Section.ADDITIONAL);
            seeds.add(edns.toWire());
            Message withAnswer = Message.newQuery(Record.newRecord(mail, type, DClass.IN));
            withAnswer.addRecord(Record.fromString(mail, Type.A, DClass.IN, 5, "192.0.2.1", Name.root), Section.ANSWER);
            seeds.add(withAnswer.toWire());
        }
        Message update = Message.newUpdate(Name.fromString("example.local."));
        update.addRecord(Record.newRecord(Name.fromString("x.example.local."), Type.A, DClass.IN), Section.UPDATE);
        seeds.add(update.toWire());
        return seeds;
    }
}
