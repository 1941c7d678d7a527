package dev.maillab.dns.console;

import dev.maillab.dns.zone.LoadedZone;
import dev.maillab.dns.zone.ZoneSnapshot;
import dev.maillab.dns.zone.ZoneStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** {@code GET /api/zones}: every zone served now, with its records, from the current snapshot. */
@RestController
class ZonesController {

    /** One zone: its origin, serial, file (relative to named.conf's folder when inside it) and records. */
    record ZoneView(String name, long serial, String file, List<RecordView> records) {}

    /** One record, its data as a zone file writes it. */
    record RecordView(String name, long ttl, String type, String data) {}

    private final ZoneStore store;

    ZonesController(ZoneStore store) {
        this.store = store;
    }

    @GetMapping("/api/zones")
    List<ZoneView> zones() {
        ZoneSnapshot snapshot = store.current();
        Path confDir = snapshot.conf().file().toAbsolutePath().getParent();
        List<ZoneView> zones = new ArrayList<>();
        for (LoadedZone zone : snapshot.zones()) {
            List<RecordView> records = new ArrayList<>(zone.recordCount());
            // the SOA and the apex NS first, then the rest; the SOA once (AXFR's closing copy is not a record)
            for (Iterator<RRset> rrsets = zone.zone().iterator(); rrsets.hasNext(); ) {
                for (Record r : rrsets.next().rrs(false)) {
                    records.add(new RecordView(
                            r.getName().toString(), r.getTTL(), Type.string(r.getType()), r.rdataToString()));
                }
            }
            zones.add(new ZoneView(zone.origin().toString(), zone.serial(), file(confDir, zone.file()), records));
        }
        return zones;
    }

    private static String file(Path confDir, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return confDir != null && absolute.startsWith(confDir)
                ? confDir.relativize(absolute).toString()
                : absolute.toString();
    }
}
