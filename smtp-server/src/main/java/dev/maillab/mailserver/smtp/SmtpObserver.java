package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.smtp.connection.ConversationListener;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * What the SMTP intake tells whoever keeps a record of its sessions (the web console's event journal): each
 * admitted session, its conversation, the queue ids it was given, each copy delivered and how it ended. An
 * observer is called on the session's thread and must never throw; {@link #NONE} keeps nothing, and then no line
 * of any conversation is even copied.
 */
public interface SmtpObserver {

    SmtpObserver NONE = (session, client, clientName) -> null;

    /**
     * A session was admitted (before its greeting).
     *
     * @param session    the session's unique id
     * @param clientName the client's reverse name, null when it has none
     * @return what hears the session until it ends, or null to keep nothing of it
     */
    SessionObserver sessionStarted(String session, InetSocketAddress client, String clientName);

    /** One session's record: every line of its conversation (see {@link ConversationListener}), then the rest. */
    interface SessionObserver extends ConversationListener {

        /** A transaction was given this queue id (at its first accepted recipient). */
        void queueId(String queueId);

        /** One copy is durable in a user's {@code new/}. */
        void delivered(Delivery delivery);

        /**
         * The session is over (its last reply written).
         *
         * @param helo     the last HELO/EHLO name, or null
         * @param tls      protocol and cipher suite ({@code TLSv1.3/TLS_AES_256_GCM_SHA384}) after STARTTLS or SMTPS's
         *                 handshake, or null
         * @param authUser who authenticated, or null
         */
        void ended(String helo, String tls, String authUser);
    }

    /**
     * One delivered copy.
     *
     * @param messageId     the Message-ID the stored file carries (the client's, or the one added for it)
     * @param recipient     the RCPT address that reached the user
     * @param file          the file in {@code new/}, absolute
     * @param size          octets of the file
     * @param durableMillis from the start of the write to the fsync of {@code new/}
     */
    record Delivery(
            String queueId,
            String messageId,
            String from,
            String recipient,
            String user,
            Path file,
            long size,
            long durableMillis) {}
}
