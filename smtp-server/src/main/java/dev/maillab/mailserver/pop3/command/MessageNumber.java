package dev.maillab.mailserver.pop3.command;

import org.apache.james.protocols.api.Request;

/** The message number of RETR, TOP or DELE, for log lines (James keeps its parsed number to itself). */
final class MessageNumber {

    private MessageNumber() {}

    /** The first argument as a number; only called once James' delegate has accepted it. */
    static int of(Request request) {
        String argument = request.getArgument();
        String first = argument == null ? "" : argument.strip().split(" +", 2)[0];
        try {
            return Integer.parseInt(first);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
