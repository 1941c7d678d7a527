package dev.maillab.app.route;

/** No mail server could be found for the recipients' domain (DNS failed and no usable fallback host). */
public class NoRouteException extends RuntimeException {

    public NoRouteException(String message) {
        super(message);
    }
}
