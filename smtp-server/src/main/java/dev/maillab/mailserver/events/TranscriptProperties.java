package dev.maillab.mailserver.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of one session an event keeps: an SMTP session's transcript, a POP3 session's commands, an SMTP
 * session's queue ids. A session longer than that keeps its first and its last lines and says how many were left
 * out between them. Together with {@code maillab.smtp.max-connections} and {@code maillab.pop3.max-connections} this
 * bounds the memory of the sessions in progress; {@code maillab.events.max-event-size} bounds what one event keeps.
 *
 * @param maxLines      lines (commands, replies) of one session an event keeps
 * @param maxLineLength characters of one line kept; a longer one is cut and ends in "..."
 */
@ConfigurationProperties("maillab.events.transcript")
public record TranscriptProperties(
        @DefaultValue("500") int maxLines,
        @DefaultValue("256") int maxLineLength) {

    public TranscriptProperties {
        if (maxLines < 2 || maxLineLength < 16) {
            throw new IllegalArgumentException(
                    "maillab.events.transcript.max-lines must be at least 2 and max-line-length at least 16");
        }
    }

    /** The line as kept: control characters as '?', cut to {@link #maxLineLength}. */
    String shown(String line) {
        if (line == null || line.length() <= maxLineLength && printable(line)) {
            return line; // the usual line: kept as it is, no copy
        }
        boolean cut = line.length() > maxLineLength;
        StringBuilder b = new StringBuilder(cut ? line.substring(0, maxLineLength) : line);
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c < ' ' || c == 127) {
                b.setCharAt(i, '?');
            }
        }
        return cut ? b.append("...").toString() : b.toString();
    }

    private static boolean printable(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < ' ' || c == 127) {
                return false;
            }
        }
        return true;
    }
}
