package dev.maillab.app.web.limits;

import java.time.Duration;

/** The client took longer than maillab.app.limits.request-read-timeout to send its body: 408. */
public class RequestBodyTimeoutException extends RuntimeException {

    public RequestBodyTimeoutException(Duration timeout) {
        super("request body not received within " + timeout.toMillis() + " ms");
    }
}
