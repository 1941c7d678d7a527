package dev.maillab.dns.zone;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP once the transports listen and every zone is loaded. A failed reload keeps it UP (the previous data is
 * still served) but shows the error, so a monitor can see the edit did not take. The transports' state comes in as
 * two questions, so the zones need not know the transport classes (which already depend on them).
 */
public final class ZonesHealthIndicator implements HealthIndicator {

    private final ZoneStore store;
    private final BooleanSupplier listening;
    private final IntSupplier port;

    /**
     * @param listening whether the UDP and TCP transports are bound
     * @param port      the port they listen on
     */
    public ZonesHealthIndicator(ZoneStore store, BooleanSupplier listening, IntSupplier port) {
        this.store = store;
        this.listening = listening;
        this.port = port;
    }

    @Override
    public Health health() {
        ZoneSnapshot snapshot = store.current();
        Health.Builder builder = listening.getAsBoolean() && snapshot != null ? Health.up() : Health.down();
        builder.withDetail("port", port.getAsInt());
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
