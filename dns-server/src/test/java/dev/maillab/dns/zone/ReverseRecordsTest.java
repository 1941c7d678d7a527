package dev.maillab.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.TestZones;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * ARCHITECTURE.md: every A record has its PTR in 19.172.in-addr.arpa, and (forward-confirmed, as SMTP's reverse
 * check wants it) that PTR names a host whose A record is the same address.
 */
class ReverseRecordsTest {

    private static final Name REVERSE = Name.fromConstantString("19.172.in-addr.arpa.");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void everyAddressInTheShippedZonesHasAPtrThatLeadsBackToIt() {
        assertThat(problems(ZoneStore.load(TestZones.REPO_ZONES.resolve("named.conf"))
                        .current()))
                .isEmpty();
    }

    @Test
    void anARecordWithoutItsPtrIsFound() {
        TestZones zones = TestZones.copyInto(dir).appendToForwardZone("orphan IN A 172.19.0.99");

        assertThat(problems(ZoneStore.load(zones.namedConf()).current()))
                .containsExactly("orphan.example.local. A 172.19.0.99: no PTR at 99.0.19.172.in-addr.arpa.");
    }

    private static List<String> problems(ZoneSnapshot snapshot) {
        LoadedZone reverse = snapshot.zone(REVERSE);
        assertThat(reverse).as("zone %s", REVERSE).isNotNull();
        List<String> problems = new ArrayList<>();
        int addresses = 0;
        for (LoadedZone zone : snapshot.zones()) {
            for (Iterator<RRset> it = zone.zone().iterator(); it.hasNext(); ) {
                RRset rrset = it.next();
                if (rrset.getType() != Type.A) {
                    continue;
                }
                for (Record record : rrset.rrs()) {
                    addresses++;
                    ARecord a = (ARecord) record;
                    Name ptrName = ReverseMap.fromAddress(a.getAddress());
                    String what = a.getName() + " A " + a.getAddress().getHostAddress();
                    RRset ptrs = reverse.zone().findExactMatch(ptrName, Type.PTR);
                    if (ptrs == null) {
                        problems.add(what + ": no PTR at " + ptrName);
                        continue;
                    }
                    boolean confirmed = ptrs.rrs().stream()
                            .map(r -> ((PTRRecord) r).getTarget())
                            .anyMatch(target -> {
                                LoadedZone home = snapshot.zoneFor(target);
                                RRset back = home == null ? null : home.zone().findExactMatch(target, Type.A);
                                return back != null
                                        && back.rrs().stream()
                                                .anyMatch(r -> ((ARecord) r)
                                                        .getAddress()
                                                        .equals(a.getAddress()));
                            });
                    if (!confirmed) {
                        problems.add(what + ": the PTR at " + ptrName + " names no host with that address");
                    }
                }
            }
        }
        assertThat(addresses).as("A records found").isPositive();
        return problems;
    }
}
