package dev.maillab.mailserver.smtp;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health "smtp": UP while every SMTP listener is accepting connections; {@code address} is port 25's, and
 * {@code submission} and {@code smtps} name those listeners' addresses when they exist.
 */
public class SmtpHealthIndicator implements HealthIndicator {

    private final SmtpServer server;

    public SmtpHealthIndicator(SmtpServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        Health.Builder health = server.isRunning() ? Health.up() : Health.down();
        health.withDetail("address", server.address() + ":" + server.port());
        for (SmtpService service : server.services()) {
            if (service != SmtpService.SMTP) {
                health.withDetail(service.serviceName(), server.address() + ":" + server.port(service));
            }
        }
        return health.build();
    }
}
