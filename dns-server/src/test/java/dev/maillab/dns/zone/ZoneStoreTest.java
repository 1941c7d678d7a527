package dev.maillab.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.dns.TestZones;
import dev.maillab.dns.namedconf.ConfigFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class ZoneStoreTest {

    @TempDir
    Path dir;

    @Test
    void loadsEveryZoneWithItsSerialAndRecordCount() {
        ZoneStore store = ZoneStore.load(TestZones.copyInto(dir).namedConf());

        ZoneSnapshot snapshot = store.current();
        assertThat(snapshot.zones())
                .extracting(zone -> zone.origin().toString())
                .containsExactly("example.local.", "example.test.", "19.172.in-addr.arpa.");
        LoadedZone forward = snapshot.zones().get(0);
        assertThat(forward.serial()).isEqualTo(2026120202L);
        assertThat(forward.recordCount()).isEqualTo(17);
        assertThat(snapshot.zoneFor(Name.fromConstantString("deep.mail.example.local.")))
                .isSameAs(forward);
        assertThat(snapshot.zoneFor(Name.fromConstantString("example.org."))).isNull();
    }

    @Test
    void syntaxErrorAtStartUpIsFileColonLine() {
        TestZones zones = TestZones.copyInto(dir).replace("db.example.local", "172.19.0.3", "172.19.0.300");

        assertThatThrownBy(() -> ZoneStore.load(zones.namedConf()))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(zones.forwardZone() + ":19: Invalid address: 172.19.0.300");
    }

    @Test
    void cnameWithOtherDataIsRefusedAtItsLine() {
        TestZones zones = TestZones.copyInto(dir).appendToForwardZone("smtp IN TXT \"clash\"");

        assertThatThrownBy(() -> ZoneStore.load(zones.namedConf()))
                .hasMessage(zones.forwardZone() + ":" + zones.forwardZoneLine("smtp ")
                        + ": smtp.example.local.: CNAME and other data");
    }

    @Test
    void missingZoneFileIsReportedAtTheNamedConfLineThatNamesIt() throws Exception {
        TestZones zones = TestZones.copyInto(dir);
        Files.delete(zones.dir().resolve("db.19.172.in-addr.arpa"));

        assertThatThrownBy(() -> ZoneStore.load(zones.namedConf()))
                .hasMessage(zones.namedConf() + ":26: zone '19.172.in-addr.arpa.': cannot read "
                        + zones.dir().resolve("db.19.172.in-addr.arpa") + ": no such file");
    }

    @Test
    void outOfZoneRecordsAreIgnoredAsBindDoes() {
        TestZones zones = TestZones.copyInto(dir).appendToForwardZone("www.example.org. IN A 192.0.2.1");

        ZoneStore store = ZoneStore.load(zones.namedConf());

        assertThat(store.current().zones().get(0).recordCount()).isEqualTo(17);
    }

    @Test
    void changedZoneFileIsSwappedInAsANewSnapshot() {
        TestZones zones = TestZones.copyInto(dir);
        ZoneStore store = ZoneStore.load(zones.namedConf());
        ZoneSnapshot before = store.current();

        assertThat(store.reloadIfChanged()).as("nothing changed yet").isFalse();
        zones.replace("db.example.local", "2026120202", "2026120203").appendToForwardZone("new IN A 172.19.0.9");

        assertThat(store.reloadIfChanged()).isTrue();
        ZoneSnapshot after = store.current();
        assertThat(after).isNotSameAs(before);
        assertThat(after.generation()).isEqualTo(before.generation() + 1);
        assertThat(after.zones().get(0).serial()).isEqualTo(2026120203L);
        assertThat(addressOf(after, "new.example.local.")).isEqualTo("172.19.0.9");
        assertThat(addressOf(before, "new.example.local."))
                .as("the old snapshot is untouched")
                .isNull();
    }

    @Test
    void brokenReloadKeepsServingTheOldDataUntilTheFileIsFixed() {
        TestZones zones = TestZones.copyInto(dir);
        ZoneStore store = ZoneStore.load(zones.namedConf());
        ZoneSnapshot good = store.current();

        zones.appendToForwardZone("broken IN MX notanumber mail");
        assertThat(store.reloadIfChanged()).isFalse();
        assertThat(store.current()).isSameAs(good);
        assertThat(store.lastError())
                .isEqualTo(zones.forwardZone() + ":" + zones.forwardZoneLine("broken ") + ": expected an integer");
        assertThat(store.reloadIfChanged())
                .as("no retry until something changes")
                .isFalse();

        zones.replace("db.example.local", "broken IN MX notanumber mail", "fixed IN A 172.19.0.10");
        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(store.lastError()).isNull();
        assertThat(addressOf(store.current(), "fixed.example.local.")).isEqualTo("172.19.0.10");
    }

    @Test
    void brokenNamedConfAtReloadKeepsTheOldDataToo() {
        TestZones zones = TestZones.copyInto(dir);
        ZoneStore store = ZoneStore.load(zones.namedConf());

        zones.appendToNamedConf("zone \"extra.test\" { type master; file \"db.extra\" };");

        assertThat(store.reloadIfChanged()).isFalse();
        assertThat(store.current().zones()).hasSize(3);
        // the appended line is the file's last
        assertThat(store.lastError()).startsWith(zones.namedConf() + ":" + lines(zones.namedConf()) + ": missing ';'");
    }

    @Test
    void zoneAddedToNamedConfIsServedAfterReload() throws Exception {
        TestZones zones = TestZones.copyInto(dir);
        ZoneStore store = ZoneStore.load(zones.namedConf());
        Files.writeString(zones.dir().resolve("db.extra"), """
                $TTL 60
                @ IN SOA ns.extra.test. admin.extra.test. 7 60 60 60 60
                  IN NS ns.extra.test.
                ns IN A 127.0.0.7
                """);

        zones.appendToNamedConf("zone \"extra.test\" { type master; file \"db.extra\"; };");

        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(store.current().zones())
                .extracting(zone -> zone.origin().toString())
                .containsExactly("example.local.", "example.test.", "19.172.in-addr.arpa.", "extra.test.");
    }

    @Test
    void reloaderPollsAndSwapsWithoutBeingAsked() throws Exception {
        TestZones zones = TestZones.copyInto(dir);
        ZoneStore store = ZoneStore.load(zones.namedConf());
        try (ZoneReloader reloader = new ZoneReloader(store, java.time.Duration.ofMillis(100))) {
            zones.appendToForwardZone("polled IN A 172.19.0.11");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> addressOf(store.current(), "polled.example.local.") != null);
        }
        assertThat(addressOf(store.current(), "polled.example.local.")).isEqualTo("172.19.0.11");
    }

    private static String addressOf(ZoneSnapshot snapshot, String name) {
        Name owner = Name.fromConstantString(name);
        LoadedZone zone = snapshot.zoneFor(owner);
        RRset rrset = zone == null ? null : zone.zone().findExactMatch(owner, Type.A);
        if (rrset == null) {
            return null;
        }
        List<Record> records = rrset.rrs();
        return ((ARecord) records.get(0)).getAddress().getHostAddress();
    }

    private static long lines(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllLines(file).size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
