package dev.maillab.mailserver.fault;

import dev.maillab.mailserver.relay.TrustedNetworks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Replies given on purpose ({@code maillab.smtp.faults.*}).
 *
 * @param file            a JSON array of rules, read again when it changes; unset: no file rules
 * @param reloadSettle    a changed file is read once it has not changed for this long
 * @param maxRules        rules held at most, the file's and the API's together
 * @param allowedNetworks address blocks whose clients may use {@code /api/faults}
 */
@ConfigurationProperties("maillab.smtp.faults")
public record FaultProperties(
        Path file,
        @DefaultValue("1s") Duration reloadSettle,
        @DefaultValue("100") int maxRules,
        @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> allowedNetworks) {

    public FaultProperties {
        if (maxRules < 1) {
            throw new IllegalArgumentException("maillab.smtp.faults.max-rules must be positive");
        }
        if (reloadSettle.isNegative()) {
            throw new IllegalArgumentException("maillab.smtp.faults.reload-settle must not be negative");
        }
        allowedNetworks = List.copyOf(allowedNetworks);
        TrustedNetworks.parse(allowedNetworks);
    }

    TrustedNetworks allowed() {
        return TrustedNetworks.parse(allowedNetworks);
    }
}
