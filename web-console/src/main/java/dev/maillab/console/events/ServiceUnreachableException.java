package dev.maillab.console.events;

/** A service did not accept the connection or did not answer in time: the page says so instead of failing. */
public class ServiceUnreachableException extends RuntimeException {

    private final Service service;

    public ServiceUnreachableException(Service service, String reason, Throwable cause) {
        super(service.title() + " unreachable: " + reason, cause);
        this.service = service;
    }

    public Service service() {
        return service;
    }
}
