package dev.maillab.app.send;

import jakarta.mail.MessagingException;

/**
 * STARTTLS with a submission server failed: no TLS session, so nothing else was said (no AUTH, no MAIL). Its message
 * names the host, the cause and what the certificate has to be; the JDK's own exception is the next one.
 */
final class TlsHandshakeException extends MessagingException {

    TlsHandshakeException(String message, Exception cause) {
        super(message, cause);
    }
}
