package dev.maillab.mailserver.pop3.james;

/**
 * A multi-line reply as a stream (RETR, TOP): it carries its own status line ({@code +OK 592 octets}), so the
 * session's record can name it, and knows when it has been read to its end, so the transport can tell Netty that
 * the last chunk was the last without reading ahead.
 */
public interface ReplyStream {

    String statusLine();

    /** Every octet of the reply, terminator included, has been read. */
    boolean atEnd();
}
