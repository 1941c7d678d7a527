package dev.maillab.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM while open (Logback's root logger), to assert what a server logged:
 * {@code try (LogCapture logs = new LogCapture()) { ... logs.messages("dovecot/pop3") ... }}.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** The events so far; logging happens on server threads, so copy under the list's lock. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase appends under this lock
            return List.copyOf(appender.list);
        }
    }

    /** The formatted messages of one logger. */
    public List<String> messages(String logger) {
        return events().stream()
                .filter(e -> e.getLoggerName().equals(logger))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
