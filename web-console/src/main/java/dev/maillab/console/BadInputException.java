package dev.maillab.console;

/** A request the console will not pass on (a name with "/" or "..", a malformed id): answered 400. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    /** The bad value as it may be quoted back: control characters escaped, at most 80 characters. */
    public static String shown(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 80 ? sb + "..." : sb.toString();
    }
}
