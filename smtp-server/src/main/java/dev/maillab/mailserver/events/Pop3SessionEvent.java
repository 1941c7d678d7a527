package dev.maillab.mailserver.events;

import java.util.List;

/**
 * {@code pop3.session}, when a POP3 connection has closed.
 *
 * @param session   the session's id, as its log lines name it
 * @param client    {@code ip:port}
 * @param user      who logged in, else null
 * @param tls       {@code protocol/cipher suite} after STLS, else null
 * @param commands  every command with the first line of its reply (passwords hidden)
 * @param truncated commands left out (between the first and the last ones kept)
 * @param summary   what the session's last log line says ({@code Logged out top=0/0, retr=1/592, ...})
 */
record Pop3SessionEvent(
        String session,
        String client,
        String user,
        String tls,
        List<Command> commands,
        long truncated,
        String summary,
        String start,
        String end) {

    /**
     * @param reply   the first line of the reply, null if none came
     * @param message the Maildir name (without {@code :2,} info) of the one message a RETR, TOP, DELE or UIDL with a
     *                number named, else null
     */
    record Command(String command, String reply, String message) {}
}
