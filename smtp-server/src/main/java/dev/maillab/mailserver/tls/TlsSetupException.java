package dev.maillab.mailserver.tls;

/** The TLS directory or a key store in it cannot be used; the message names the file and what to do. */
public final class TlsSetupException extends IllegalStateException {

    TlsSetupException(String message) {
        super(message);
    }

    TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
