package dev.maillab.mailserver.smtp.connection;

import java.time.Duration;

/**
 * What every connection's streams enforce.
 *
 * @param maxCommandLine   octets of a command line including CRLF; a longer one becomes a refused line
 * @param commandTimeout   from the first octet of a command line until its reply is written (also a TLS handshake)
 * @param dataTimeout      the whole DATA, from 354 to the final dot
 * @param dataBlockTimeout longest wait for the next octets inside DATA
 * @param maxErrors        error replies (4xx/5xx) a session may get without delivering a message
 */
public record ConnectionSettings(
        int maxCommandLine, Duration commandTimeout, Duration dataTimeout, Duration dataBlockTimeout, int maxErrors) {

    public ConnectionSettings {
        if (maxCommandLine < 8 || maxCommandLine > 8192) {
            throw new IllegalArgumentException("maillab.smtp.max-command-line must be 8..8192: " + maxCommandLine);
        }
        for (Duration d : new Duration[] {commandTimeout, dataTimeout, dataBlockTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("SMTP timeouts must be positive: " + d);
            }
        }
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maillab.smtp.max-errors must be positive: " + maxErrors);
        }
    }

    /** The deadline check interval: a quarter of the shortest deadline, between 50 ms and 1 s. */
    Duration tick() {
        long shortest =
                Math.min(commandTimeout.toMillis(), Math.min(dataTimeout.toMillis(), dataBlockTimeout.toMillis()));
        return Duration.ofMillis(Math.max(50, Math.min(1000, shortest / 4)));
    }
}
