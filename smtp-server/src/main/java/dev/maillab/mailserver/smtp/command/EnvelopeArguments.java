package dev.maillab.mailserver.smtp.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The part of MAIL/RCPT after "FROM:" / "TO:": a path in angle brackets (RFC 5321 4.1.2; a bare address is
 * tolerated, as Postfix does) and ESMTP parameters. Source routes ({@code <@a,@b:user@d>}) are dropped.
 */
record EnvelopeArguments(String address, Map<String, String> parameters) {

    /** RFC 5321 4.5.3.1.3: a reverse- or forward-path is at most 256 octets. */
    static final int MAX_PATH = 256;

    static EnvelopeArguments parse(String text) {
        String rest = text.strip();
        String path;
        if (rest.startsWith("<")) {
            int end = rest.indexOf('>');
            if (end < 0) {
                throw new IllegalArgumentException("unterminated <");
            }
            path = rest.substring(1, end);
            rest = rest.substring(end + 1);
        } else {
            int space = indexOfWhitespace(rest);
            path = space < 0 ? rest : rest.substring(0, space);
            rest = space < 0 ? "" : rest.substring(space);
        }
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("bad source route");
            }
            path = path.substring(colon + 1);
        }
        if (path.length() > MAX_PATH || path.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == 127)) {
            throw new IllegalArgumentException("bad address");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String word : rest.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            String key = (eq < 0 ? word : word.substring(0, eq)).toUpperCase(Locale.ROOT);
            parameters.put(key, eq < 0 ? "" : word.substring(eq + 1));
        }
        return new EnvelopeArguments(path, parameters);
    }

    /** "FROM:" / "TO:" and what follows, or null when the line does not have that keyword. */
    static String after(String line, String verb, String keyword) {
        String args =
                line.length() > verb.length() ? line.substring(verb.length()).stripLeading() : "";
        if (!args.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return null;
        }
        return args.substring(keyword.length());
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
