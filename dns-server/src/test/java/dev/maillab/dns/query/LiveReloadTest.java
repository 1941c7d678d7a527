package dev.maillab.dns.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.TestZones;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Edits to the zone files reach clients without a restart; a broken edit never takes the old data away. */
class LiveReloadTest {

    @TempDir
    Path dir;

    @Test
    void changeIsServedAndABrokenEditKeepsTheLastGoodData() throws Exception {
        TestZones zones = TestZones.copyInto(dir);
        try (EmbeddedDnsServer server = EmbeddedDnsServer.start(zones.namedConf())) {
            assertThat(addresses(server, "mail.example.local.")).containsExactly("172.19.0.3");

            zones.replace("db.example.local", "mail        IN  A     172.19.0.3", "mail        IN  A     172.19.0.33");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> addresses(server, "mail.example.local.").equals(List.of("172.19.0.33")));

            zones.replace("db.example.local", "172.19.0.33", "172.19.0.333");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> server.zones().lastError() != null);

            assertThat(server.zones().lastError())
                    .isEqualTo(zones.forwardZone() + ":19: Invalid address: 172.19.0.333");
            assertThat(addresses(server, "mail.example.local.")).containsExactly("172.19.0.33");
        }
    }

    private static List<String> addresses(EmbeddedDnsServer server, String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", server.port()));
        resolver.setTimeout(Duration.ofSeconds(5));
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).stream()
                .filter(r -> r.getType() == Type.A)
                .map(Record::rdataToString)
                .toList();
    }
}
