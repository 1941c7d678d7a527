package dev.maillab.mailserver.pop3;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** POP3 meters: sessions, failed logins, retrieved messages and bytes (Prometheus: pop3_*). */
public final class Pop3Metrics {

    final Counter sessions;
    public final Counter failedLogins;
    public final Counter retrievedMessages;
    public final Counter retrievedBytes;
    public final AtomicInteger activeSessions = new AtomicInteger();

    Pop3Metrics(MeterRegistry registry) {
        sessions = Counter.builder("pop3.sessions")
                .description("POP3 connections accepted")
                .register(registry);
        failedLogins = Counter.builder("pop3.logins.failed")
                .description("POP3 logins refused")
                .register(registry);
        retrievedMessages = Counter.builder("pop3.retrieved.messages")
                .description("messages sent by RETR")
                .register(registry);
        retrievedBytes = Counter.builder("pop3.retrieved.bytes")
                .baseUnit("bytes")
                .description("octets of messages sent by RETR")
                .register(registry);
        Gauge.builder("pop3.sessions.active", activeSessions, AtomicInteger::get)
                .description("POP3 connections open now")
                .register(registry);
    }
}
