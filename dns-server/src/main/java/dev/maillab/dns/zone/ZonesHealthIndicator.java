package dev.maillab.dns.health;

import dev.maillab.dns.transport.DnsServer;
import dev.maillab.dns.zone.LoadedZone;
import dev.maillab.dns.zone.ZoneSnapshot;
import dev.maillab.dns.zone.ZoneStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP once the transports listen and every zone is loaded. A failed reload keeps it UP (the previous data is
 * still served) but shows the error, so a monitor can see the edit did not take.
 */
public final class ZonesHealthIndicator implements HealthIndicator {

    private final ZoneStore store;
    private final DnsServer server;

    public ZonesHealthIndicator(ZoneStore store, DnsServer server) {
        this.store = store;
        this.server = server;
    }

    @Override
    public Health health() {
        ZoneSnapshot snapshot = store.current();
        Health.Builder builder = server.isListening() && snapshot != null ? Health.up() : Health.down();
        builder.withDetail("port", server.port());
        if (snapshot != null) {
            Map<String, Object> zones = new LinkedHashMap<>();
            for (LoadedZone zone : snapshot.zones()) {
                zones.put(zone.origin().toString(), Map.of("serial", zone.serial(), "records", zone.recordCount()));
            }
            builder.withDetail("zones", zones)
                    .withDetail("loadedAt", snapshot.loadedAt().toString());
        }
        String error = store.lastError();
        if (error != null) {
            builder.withDetail("reloadError", error);
        }
        return builder.build();
    }
}
