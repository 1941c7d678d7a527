package dev.maillab.mailserver.relay;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the servers of these tests logged. Spring Boot resets Logback as each application starts, which detaches
 * an appender added before (testkit's LogCapture), so {@link DomainHost} attaches this one again right after that
 * reset (which also stops it): every line a server logs from its context's refresh on is here.
 */
final class CapturedLog {

    private static final String NAME = "relay-test-capture";
    private static final ListAppender<ILoggingEvent> APPENDER = new ListAppender<>();

    static {
        APPENDER.setName(NAME);
        APPENDER.start();
    }

    private CapturedLog() {}

    static void attach() {
        // a reset also stops the appenders it detaches
        if (!APPENDER.isStarted()) {
            APPENDER.start();
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) == null) {
            root.addAppender(APPENDER);
        }
    }

    static void clear() {
        synchronized (APPENDER) {
            APPENDER.list.clear();
        }
    }

    static List<String> messages(String logger) {
        synchronized (APPENDER) { // AppenderBase appends under this lock
            return APPENDER.list.stream()
                    .filter(e -> e.getLoggerName().equals(logger))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    static boolean logged(String logger, String text) {
        return messages(logger).stream().anyMatch(l -> l.contains(text));
    }
}
