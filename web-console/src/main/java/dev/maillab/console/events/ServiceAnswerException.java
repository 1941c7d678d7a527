package dev.maillab.console.events;

/**
 * A service answered, but not with what was asked for: its 4xx (an unknown user or message: the console answers
 * the same status), a 5xx, or a body that is not the contract's JSON (then {@code status} is 502).
 */
public class ServiceAnswerException extends RuntimeException {

    private final Service service;
    private final int status;

    public ServiceAnswerException(Service service, int status, String detail) {
        super(service.title() + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.service = service;
        this.status = status;
    }

    public Service service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The service said the thing asked for is not there, or the request was bad. */
    public boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
