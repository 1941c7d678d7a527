package dev.maillab.dns.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.RunningDnsServer;
import dev.maillab.dns.TestZones;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/zones} says what the project's zone files say, in the shape the console reads. */
class ZonesApiTest {

    @TempDir
    Path dir;

    @Test
    void everyZoneWithItsSerialFileAndRecordsAsTheZoneFilesHaveThem() throws Exception {
        try (RunningDnsServer server =
                RunningDnsServer.start(TestZones.copyInto(dir).namedConf())) {
            JsonNode zones = server.getJson("/api/zones");

            assertThat(zones)
                    .extracting(z -> z.get("name").asString())
                    .containsExactly("example.local.", "example.test.", "19.172.in-addr.arpa.");
            assertZone(zones.get(0), "example.local.", "db.example.local");
            assertZone(zones.get(1), "example.test.", "db.example.test");
            assertZone(zones.get(2), "19.172.in-addr.arpa.", "db.19.172.in-addr.arpa");
            assertThat(zones.get(0).properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactly("name", "serial", "file", "records");
            assertThat(zones.get(0).get("records").get(0).properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactly("name", "ttl", "type", "data");
        }
    }

    private static void assertZone(JsonNode zone, String origin, String file) throws Exception {
        List<String> expected = new ArrayList<>();
        long serial = -1;
        try (Master master = new Master(TestZones.REPO_ZONES.resolve(file).toString(), Name.fromString(origin))) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                expected.add(r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + r.rdataToString());
                if (r instanceof SOARecord soa) {
                    serial = soa.getSerial();
                }
            }
        }
        List<String> served = new ArrayList<>();
        zone.get("records")
                .forEach(r ->
                        served.add(r.get("name").asString() + " " + r.get("ttl").asLong() + " "
                                + r.get("type").asString() + " " + r.get("data").asString()));

        assertThat(zone.get("serial").asLong()).isEqualTo(serial).isPositive();
        assertThat(zone.get("file").asString()).as("as named.conf names it").isEqualTo(file);
        assertThat(served).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(served.get(0)).as("the SOA first").contains(" SOA ");
    }
}
