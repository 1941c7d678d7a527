package dev.maillab.app.route;

import java.util.List;

/** No mail server could be found for the recipients' domain (DNS failed and no usable fallback host). */
public class NoRouteException extends RuntimeException {

    private final List<DnsLookup> lookups;

    public NoRouteException(String message) {
        this(message, List.of());
    }

    public NoRouteException(String message, List<DnsLookup> lookups) {
        super(message);
        this.lookups = List.copyOf(lookups);
    }

    /** The DNS lookups made before giving up, in order. */
    public List<DnsLookup> lookups() {
        return lookups;
    }
}
