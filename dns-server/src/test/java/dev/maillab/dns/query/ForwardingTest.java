package dev.maillab.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.TestZones;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/** Names outside our zones go to the forwarders named in named.conf (all on loopback here). */
class ForwardingTest {

    @TempDir
    Path upstreamDir;

    @TempDir
    Path dir;

    @Test
    void answerFromTheForwarderIsRelayedOverUdpAndTcp() throws Exception {
        Files.writeString(
                upstreamDir.resolve("named.conf"), "zone \"other.test\" { type primary; file \"db.other\"; };");
        Files.writeString(upstreamDir.resolve("db.other"), """
                $TTL 60
                @   IN SOA ns.other.test. admin.other.test. 1 60 60 60 60
                    IN NS  ns.other.test.
                ns  IN A   127.0.0.53
                www IN A   192.0.2.80
                """);
        try (EmbeddedDnsServer upstream = EmbeddedDnsServer.start(upstreamDir.resolve("named.conf"));
                EmbeddedDnsServer server = EmbeddedDnsServer.start(withForwarder(upstream.port()))) {

            Message udp = ask(server.port(), false, "www.other.test.");
            Message tcp = ask(server.port(), true, "www.other.test.");
            Message missing = ask(server.port(), false, "nothing.other.test.");
            Message ours = ask(server.port(), false, "mail.example.local.");

            assertThat(udp.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(udp.getSection(Section.ANSWER))
                    .extracting(Record::rdataToString)
                    .containsExactly("192.0.2.80");
            assertThat(tcp.getSection(Section.ANSWER))
                    .extracting(Record::rdataToString)
                    .containsExactly("192.0.2.80");
            assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(ours.getHeader().getFlag(Flags.AA))
                    .as("our own zones are still answered here")
                    .isTrue();
        }
    }

    @Test
    void silentForwarderGivesServfailAfterTheBoundedTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                EmbeddedDnsServer server = EmbeddedDnsServer.start(withForwarder(silent.getLocalPort()))) {

            Message response = ask(server.port(), false, "www.other.test.");

            assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(response.getHeader().getFlag(Flags.QR)).isTrue();
        }
    }

    private Path withForwarder(int port) {
        TestZones zones = TestZones.copyInto(dir);
        zones.replace("named.conf", "// forwarders { 192.0.2.53; };", "forwarders { 127.0.0.1 port " + port + "; };");
        return zones.namedConf();
    }

    private static Message ask(int port, boolean tcp, String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(10)); // longer than the server's 2 s forwarding bound
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    }
}
