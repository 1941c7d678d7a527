package dev.maillab.mailserver.pop3.command;

import java.util.Objects;
import org.apache.james.protocols.api.Request;

/** The message number of RETR, TOP or DELE, for log lines (James keeps its parsed number to itself). */
final class MessageNumber {

    private MessageNumber() {}

    /** The first argument as a number; only called once James' delegate has accepted it. */
    static int of(Request request) {
        String argument = Objects.requireNonNullElse(request.getArgument(), "").strip();
        int end = argument.indexOf(' ');
        try {
            return Integer.parseInt(end < 0 ? argument : argument.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
