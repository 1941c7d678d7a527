package dev.maillab.mailserver.pop3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health "pop3": UP when the POP3 listener answers a connection with a +OK greeting; {@code pop3s} names the POP3S
 * listener's address when there is one (bound while the server runs; not dialled: a handshake per check would be
 * the costliest part of it).
 */
public class Pop3HealthIndicator implements HealthIndicator {

    private static final int TIMEOUT_MS = 2000;

    private final Pop3Server server;
    private final Pop3Properties properties;

    public Pop3HealthIndicator(Pop3Server server, Pop3Properties properties) {
        this.server = server;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!server.isRunning()) {
            return Health.down().withDetail("reason", "not started").build();
        }
        String host = "0.0.0.0".equals(properties.address()) ? "127.0.0.1" : properties.address();
        int port = server.port();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            byte[] greeting = new byte[3];
            int n = s.getInputStream().readNBytes(greeting, 0, 3);
            s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            String start = new String(greeting, 0, n, StandardCharsets.US_ASCII);
            Health.Builder b = "+OK".equals(start) ? Health.up() : Health.down().withDetail("greeting", start);
            b.withDetail("address", host + ":" + port);
            if (server.pop3sPort() >= 0) {
                b.withDetail("pop3s", host + ":" + server.pop3sPort());
            }
            return b.build();
        } catch (IOException e) {
            return Health.down(e).withDetail("address", host + ":" + port).build();
        }
    }
}
