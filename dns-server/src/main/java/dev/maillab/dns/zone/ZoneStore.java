package dev.maillab.dns.zone;

import dev.maillab.dns.namedconf.ConfigFileException;
import dev.maillab.dns.namedconf.NamedConf;
import dev.maillab.dns.namedconf.NamedConfParser;
import dev.maillab.dns.namedconf.ZoneDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link ZoneSnapshot} and replaces it when named.conf or a zone file changes.
 * A failed reload leaves the current snapshot serving and logs {@code file:line: what is wrong}.
 */
public final class ZoneStore {

    private static final Logger log = LoggerFactory.getLogger(ZoneStore.class);

    /** What a file looked like when it was last read: a change in any part means "read it again". */
    private record Stamp(Instant modified, long size, Object key) {
        static final Stamp MISSING = new Stamp(Instant.EPOCH, -1, null);
    }

    private final Path namedConf;
    private final AtomicReference<ZoneSnapshot> current = new AtomicReference<>();
    private volatile Map<Path, Stamp> stamps = Map.of();
    private volatile String lastError;
    private long generation;

    private ZoneStore(Path namedConf) {
        this.namedConf = namedConf.toAbsolutePath().normalize();
    }

    /** Loads everything once; a broken file throws {@link ConfigFileException} and nothing starts. */
    public static ZoneStore load(Path namedConf) {
        ZoneStore store = new ZoneStore(namedConf);
        Map<Path, Stamp> before = stampsOf(Set.of(store.namedConf));
        store.install(store.read(), before);
        return store;
    }

    public ZoneSnapshot current() {
        return current.get();
    }

    /** The message of the last failed reload, or null when the last attempt worked. */
    public String lastError() {
        return lastError;
    }

    /**
     * Reloads when any watched file changed since the last attempt. Returns true when a new snapshot was
     * installed. Called by the poller; safe to call from tests directly.
     */
    public synchronized boolean reloadIfChanged() {
        Map<Path, Stamp> now = stampsOf(stamps.keySet());
        if (now.equals(stamps)) {
            return false;
        }
        try {
            install(read(), now);
            lastError = null;
            return true;
        } catch (ConfigFileException e) {
            lastError = e.getMessage();
            // keep watching what we had plus the broken file, so fixing it triggers the next attempt
            Set<Path> watch = new HashSet<>(now.keySet());
            watch.add(e.file().toAbsolutePath().normalize());
            stamps = stampsOf(watch);
            log.error("{} (reload failed; still serving the previous data)", e.getMessage());
            return false;
        }
    }

    private ZoneSnapshot read() {
        NamedConf conf = NamedConfParser.parse(namedConf, current.get() == null);
        List<LoadedZone> zones = new ArrayList<>();
        for (ZoneDeclaration declaration : conf.zones()) {
            zones.add(ZoneFileLoader.load(declaration));
        }
        return new ZoneSnapshot(conf, zones, generation + 1, Instant.now());
    }

    private synchronized void install(ZoneSnapshot snapshot, Map<Path, Stamp> before) {
        ZoneSnapshot previous = current.get();
        Set<Path> watch = new HashSet<>(snapshot.conf().files());
        watch.add(namedConf);
        Map<Path, Stamp> next = new HashMap<>(stampsOf(watch));
        // remember files as they were before reading: a change made while we read triggers another read
        before.forEach((path, stamp) -> next.computeIfPresent(path, (p, s) -> stamp));
        stamps = Map.copyOf(next);
        generation = snapshot.generation();
        current.set(snapshot);
        for (LoadedZone zone : snapshot.zones()) {
            LoadedZone old = previous == null ? null : previous.zone(zone.origin());
            if (old == null || old.serial() != zone.serial() || old.recordCount() != zone.recordCount()) {
                log.info(
                        "zone {} loaded: serial {}, {} records, from {}",
                        zone.origin(),
                        zone.serial(),
                        zone.recordCount(),
                        zone.file());
            }
        }
        if (previous != null) {
            for (LoadedZone old : previous.zones()) {
                if (snapshot.zone(old.origin()) == null) {
                    log.info("zone {} removed", old.origin());
                }
            }
            log.info("reloaded {} ({} zones)", namedConf, snapshot.zones().size());
        }
    }

    private static Map<Path, Stamp> stampsOf(Set<Path> files) {
        Map<Path, Stamp> result = new HashMap<>();
        for (Path file : files) {
            result.put(file, stampOf(file));
        }
        return Map.copyOf(result);
    }

    private static Stamp stampOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime().toInstant(), attributes.size(), attributes.fileKey());
        } catch (IOException e) { // missing or unreadable: a later appearance counts as a change
            return Stamp.MISSING;
        }
    }
}
