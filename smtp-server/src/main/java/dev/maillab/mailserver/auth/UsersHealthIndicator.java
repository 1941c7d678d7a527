package dev.maillab.mailserver.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health "users". A refused reload keeps it UP (the last good content is still served) but shows
 * {@code stale: true} and the error, so a monitor sees that the edit did not take.
 */
public class UsersHealthIndicator implements HealthIndicator {

    private final PasswdFileUserDirectory directory;

    public UsersHealthIndicator(PasswdFileUserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("users", details(directory.usersStatus()));
        WatchedFile.Status aliases = directory.aliasesStatus();
        if (aliases != null) {
            health.withDetail("aliases", details(aliases));
        }
        return health.build();
    }

    static Map<String, Object> details(WatchedFile.Status status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", status.file().toString());
        details.put("entries", status.entries());
        details.put(
                "loadedAt",
                status.loadedAt() == null ? "never" : status.loadedAt().toString());
        details.put("stale", status.stale());
        if (status.stale()) {
            details.put("error", status.error());
        }
        return details;
    }
}
