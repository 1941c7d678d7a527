package dev.maillab.app.web.limits;

/** The request body is longer than maillab.app.limits.max-request-bytes: 413. */
public class RequestBodyTooLargeException extends RuntimeException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
