package dev.maillab.mailserver.relay.delivery;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reply of the other server: its code and its lines' text (without code and separator). */
public record SmtpReply(int code, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    public boolean positive() {
        return code / 100 == 2;
    }

    public boolean permanent() {
        return code / 100 == 5;
    }

    /** The whole reply on one line, as Postfix quotes it: {@code 550 5.1.1 <x>: ... rejected}. */
    public String text() {
        return code + " " + String.join(" ", lines);
    }

    /** The enhanced status code (RFC 3463) the reply begins with, else the class of its code: 4.0.0, 5.0.0. */
    public String dsn() {
        if (!lines.isEmpty()) {
            Matcher m = ENHANCED.matcher(lines.get(0));
            if (m.find() && m.group(1).charAt(0) - '0' == code / 100) {
                return m.group(1) + "." + m.group(2) + "." + m.group(3);
            }
        }
        return (code / 100) + ".0.0";
    }

    /** For an EHLO reply: whether a line after the first names this extension. */
    public boolean offers(String keyword) {
        return lines.stream().skip(1).anyMatch(l -> l.split(" ", 2)[0].equalsIgnoreCase(keyword));
    }
}
