package dev.maillab.mailserver.pop3;

import java.net.InetSocketAddress;

/**
 * What the POP3 service tells whoever keeps a record of its sessions (the web console's event journal): each
 * session, its commands as they may be shown (passwords never) with the first line of each reply, and how it ended.
 * Called on the connection's event loop; an observer must return quickly and never throw. {@link #NONE} keeps
 * nothing.
 */
public interface Pop3Observer {

    Pop3Observer NONE = (session, client) -> null;

    /**
     * A connection was admitted (before its greeting).
     *
     * @param session the session's id, as the log lines name it
     * @return what hears the session until it ends, or null to keep nothing of it
     */
    SessionObserver sessionStarted(String session, InetSocketAddress client);

    /** One session's record. */
    interface SessionObserver {

        /**
         * A command line, as it may be shown: a PASS, APOP or AUTH argument and an AUTH response are hidden.
         *
         * @param message the Maildir name (without its {@code :2,} info) of the one message a RETR, TOP, DELE or UIDL
         *                with a number names, else null
         */
        void command(String line, String message);

        /** The first line of a reply (the greeting too, which answers no command). */
        void reply(String line);

        /**
         * The connection is closed.
         *
         * @param user    who logged in, or null
         * @param tls     protocol and cipher suite after STLS (or over POP3S), or null
         * @param summary what its last log line says of it ({@code Logged out top=0/0, retr=1/592, ...})
         */
        void ended(String user, String tls, String summary);
    }
}
