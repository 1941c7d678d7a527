package dev.maillab.mailserver.relay.api;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The queue as Postfix's {@code mailq} prints it, for {@code ./maillab queue}: per message its id ({@code *} while an
 * attempt is under way), size, age, arrival and sender, then the attempts, the next try and the last error in
 * parentheses, then each recipient left; a summary line at the end.
 */
final class MailqText {

    private static final DateTimeFormatter ARRIVAL =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());
    private static final String INDENT = " ".repeat(58);

    private MailqText() {}

    static String of(List<QueuedMessage> messages) {
        if (messages.isEmpty()) {
            return "Mail queue is empty\n";
        }
        StringBuilder out = new StringBuilder(String.format(
                "%-18s %9s %7s %-20s %s%n",
                "-Queue ID-", "--Size--", "--Age--", "----Arrival Time----", "-Sender/Recipient-------"));
        long bytes = 0;
        for (QueuedMessage m : messages) {
            bytes += m.size();
            out.append(String.format(
                    "%-18s %9d %7s %-20s %s%n",
                    m.id() + (m.active() ? "*" : ""),
                    m.size(),
                    age(m.age()),
                    ARRIVAL.format(m.arrival()),
                    m.sender().isEmpty() ? "MAILER-DAEMON" : m.sender()));
            if (m.attempts() > 0) {
                out.append("(")
                        .append(m.attempts())
                        .append(m.attempts() == 1 ? " attempt" : " attempts")
                        .append(", next at ")
                        .append(TIME.format(m.nextTry()))
                        .append(m.lastError() == null ? "" : ": " + m.lastError())
                        .append(")\n");
            }
            for (String recipient : m.recipients()) {
                out.append(INDENT).append(recipient).append('\n');
            }
            out.append('\n');
        }
        out.append("-- ")
                .append((bytes + 1023) / 1024)
                .append(" Kbytes in ")
                .append(messages.size())
                .append(messages.size() == 1 ? " Request.\n" : " Requests.\n");
        return out.toString();
    }

    private static String age(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        return seconds / 3600 + "h";
    }
}
