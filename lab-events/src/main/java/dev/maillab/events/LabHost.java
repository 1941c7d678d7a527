package dev.maillab.events;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether a request's {@code Host} names the service the way the lab reaches it, before its console API answers: a
 * web page that rebinds its own DNS name to 127.0.0.1 (DNS rebinding) would otherwise read the lab's mail and events
 * from the visitor's browser. Allowed: an IP literal, a name without a dot (a container's or {@code localhost}), and
 * names under {@code .local}, {@code .test} and {@code .localhost}, which no public DNS can point anywhere. Anything
 * else (and a missing Host) is refused with 403.
 */
public final class LabHost {

    /** The 403's body, {@code application/problem+json}. */
    public static final byte[] REFUSED = ("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"this API answers only under the lab's own names (an IP address, localhost, a name"
                    + " under .local or .test), not under a name a web page may have pointed here\"}")
            .getBytes(StandardCharsets.US_ASCII);

    private LabHost() {}

    /** @param host the Host header as received, with or without its port; null when absent */
    public static boolean allowed(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 1
                    && h.substring(1, end).chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            String port = h.substring(colon + 1);
            if (port.isEmpty() || !port.chars().allMatch(Character::isDigit)) {
                return false;
            }
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || !h.chars().allMatch(c -> c == '.' || c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
            return false;
        }
        return h.chars().allMatch(c -> c == '.' || Character.isDigit(c))
                || h.indexOf('.') < 0
                || h.endsWith(".local")
                || h.endsWith(".test")
                || h.endsWith(".localhost");
    }
}
