package dev.maillab.mailserver.smtp.connection;

/**
 * Hears one SMTP connection's conversation a line at a time, in the order the session handled it, as it may be
 * shown: a client's SASL credentials are already hidden and a message's octets are one summary line. Called on the
 * session's own thread; it must return quickly and never throw.
 */
public interface ConversationListener {

    /** A line the client sent (or a summary of what it sent: the message data, a refused line). */
    void client(String line);

    /** One reply line, multi-line replies line by line. */
    void server(String line);
}
