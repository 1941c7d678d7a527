package dev.maillab.client.pop3;

/**
 * A status line: {@code +OK text} or {@code -ERR text} (RFC 1939 section 3).
 *
 * @param ok   +OK
 * @param text what followed the status indicator
 */
public record Pop3Reply(boolean ok, String text) {

    static Pop3Reply parse(String line) throws Pop3Exception {
        if (line.startsWith("+OK")) {
            return new Pop3Reply(true, rest(line, 3));
        }
        if (line.startsWith("-ERR")) {
            return new Pop3Reply(false, rest(line, 4));
        }
        throw new Pop3Exception(Pop3Exception.Kind.PROTOCOL, "not a POP3 status line: " + abbreviate(line));
    }

    private static String rest(String line, int from) {
        return line.length() > from ? line.substring(from).strip() : "";
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
