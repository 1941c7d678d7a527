package dev.maillab.console.dns;

import java.util.List;

/** One zone dns-server serves ({@code GET /api/zones}). */
public record Zone(String name, long serial, String file, List<ZoneRecord> records) {

    public Zone {
        records = records == null ? List.of() : records;
    }

    /** One resource record, its data as the zone file writes it. */
    public record ZoneRecord(String name, long ttl, String type, String data) {}
}
