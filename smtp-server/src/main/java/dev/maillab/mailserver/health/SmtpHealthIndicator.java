package dev.maillab.mailserver.health;

import dev.maillab.mailserver.smtp.SmtpServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** "smtp" in /actuator/health: up while the SMTP listener is accepting connections. */
@Component("smtp")
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
