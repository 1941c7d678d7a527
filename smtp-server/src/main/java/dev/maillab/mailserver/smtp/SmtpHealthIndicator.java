package dev.maillab.mailserver.smtp;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Health "smtp": UP while the SMTP listener is accepting connections. */
public class SmtpHealthIndicator implements HealthIndicator {

    private final SmtpServer server;

    public SmtpHealthIndicator(SmtpServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        Health.Builder health = server.isRunning() ? Health.up() : Health.down();
        return health.withDetail("address", server.address() + ":" + server.port())
                .build();
    }
}
