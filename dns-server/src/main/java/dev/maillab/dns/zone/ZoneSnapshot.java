package dev.maillab.dns.zone;

import dev.maillab.dns.namedconf.NamedConf;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Everything the server answers from at one moment: the configuration and its loaded zones. Immutable, so a
 * reload builds a new one and swaps it in; a query sees either the old or the new data, never a mix.
 */
public final class ZoneSnapshot {

    private final NamedConf conf;
    private final List<LoadedZone> zones;
    private final Map<Name, LoadedZone> byOrigin = new HashMap<>();
    private final long generation;
    private final Instant loadedAt;

    ZoneSnapshot(NamedConf conf, List<LoadedZone> zones, long generation, Instant loadedAt) {
        this.conf = conf;
        this.zones = List.copyOf(zones);
        this.generation = generation;
        this.loadedAt = loadedAt;
        for (LoadedZone zone : zones) {
            byOrigin.put(zone.origin(), zone);
        }
    }

    public NamedConf conf() {
        return conf;
    }

    public List<LoadedZone> zones() {
        return zones;
    }

    /** Counts loads since start (1 = the start-up load). */
    public long generation() {
        return generation;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** The zone with the longest origin that contains {@code name} (its closest enclosing zone), or null. */
    public LoadedZone zoneFor(Name name) {
        int labels = name.labels();
        for (int strip = 0; strip < labels; strip++) {
            Name candidate = strip == 0 ? name : new Name(name, strip);
            LoadedZone zone = byOrigin.get(candidate);
            if (zone != null) {
                return zone;
            }
        }
        return null;
    }

    /** The zone whose origin is exactly {@code origin}, or null. */
    public LoadedZone zone(Name origin) {
        return byOrigin.get(origin);
    }
}
