package dev.maillab.mailserver.smtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Micrometer counters of the intake (exported as maillab_smtp_* on /actuator/prometheus). */
public final class SmtpMetrics {

    /** Reasons a command or message is refused (the tag {@code reason}). */
    public enum Reason {
        RELAY_DENIED,
        UNKNOWN_USER,
        BAD_ADDRESS,
        MESSAGE_TOO_BIG,
        TOO_MANY_RECIPIENTS,
        COMMAND_TOO_LONG,
        BAD_SEQUENCE,
        AUTH_REQUIRES_TLS,
        TLS_REQUIRED,
        AUTH_REQUIRED,
        TLS_FAILED,
        AUTH_FAILED,
        DELIVERY_FAILED,
        DATA_MEMORY_FULL,
        BAD_COMMAND,
        TIMEOUT,
        TOO_MANY_ERRORS,
        TOO_MANY_CONNECTIONS,
        LOST_CONNECTION,
        STORAGE_FULL,
        MAIL_LOOP,
        /** a reply given on purpose by a fault rule ({@link SmtpFaults}) */
        FAULT,
        DMARC_REJECTED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter connections;
    private final Counter accepted;
    private final Counter delivered;
    private final Counter bytes;

    public SmtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.connections = Counter.builder("maillab.smtp.connections")
                .description("SMTP connections")
                .register(registry);
        this.accepted = Counter.builder("maillab.smtp.messages.accepted")
                .description("messages answered 250")
                .register(registry);
        this.delivered = Counter.builder("maillab.smtp.deliveries")
                .description("Maildir copies stored")
                .register(registry);
        this.bytes = Counter.builder("maillab.smtp.received")
                .baseUnit("bytes")
                .description("message bytes accepted")
                .register(registry);
    }

    /** Gauge of the DATA memory reserved now: back to 0 whenever no message is being received. */
    void dataMemory(DataMemory memory) {
        Gauge.builder("maillab.smtp.data.memory.reserved", memory, DataMemory::inUse)
                .baseUnit("bytes")
                .description("heap reserved for messages being received")
                .register(registry);
    }

    void sessions(SmtpSessions sessions) {
        Gauge.builder("maillab.smtp.sessions", sessions, SmtpSessions::open)
                .description("SMTP sessions open now")
                .register(registry);
    }

    void connected() {
        connections.increment();
    }

    void accepted(long size) {
        accepted.increment();
        bytes.increment(size);
    }

    void delivered() {
        delivered.increment();
    }

    public void rejected(Reason reason) {
        Counter.builder("maillab.smtp.rejected")
                .description("refused commands and messages")
                .tag("reason", reason.tag())
                .register(registry)
                .increment();
    }

    /** One reply a fault rule gave, by stage. */
    void faulted(SmtpFaults.Stage stage) {
        Counter.builder("maillab.smtp.faults")
                .description("replies given on purpose by fault rules")
                .tag("stage", stage.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
    }
}
