package dev.maillab.mailserver.pop3;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Tells a client's (or its network's) fault from the server's own: the first is worth one log line,
 * the second a stack trace.
 */
public final class ClientFaults {

    private ClientFaults() {}

    /** A few words on what the client did, or empty when the fault is the server's. */
    public static Optional<String> describe(Throwable cause) {
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof NotSslRecordException) {
            // its message is a hex dump of what came instead
            return Optional.of("TLS failed: not a TLS record");
        }
        if (t instanceof SSLException) {
            return Optional.of("TLS failed: " + firstLine(t));
        }
        if (t instanceof IOException) {
            // connection reset, broken pipe, ...
            return Optional.of(firstLine(t));
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
