package dev.maillab.mailserver.smtp.connection;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a connection's streams tell a {@link ConversationListener}: command lines as the session reads them, reply
 * lines as it writes them. What is not to be shown never leaves here: the line after a {@code 334} challenge and an
 * AUTH command's initial response are SASL credentials, and DATA is counted, not copied. A listener that throws is
 * dropped, so a fault in what records the conversation cannot end the session. Used by the session's thread only.
 */
final class Conversation {

    /** RFC 5321 4.5.3.1.5: a reply line is at most 512 octets with its CRLF; anything longer is cut. */
    static final int MAX_REPLY_LINE = 512;

    static final String HIDDEN = "(credentials hidden)";

    private final byte[] reply = new byte[MAX_REPLY_LINE];
    private ConversationListener listener;
    private int replyLength;
    /** The last reply was a SASL challenge: the client's next line is its answer. */
    private boolean credentialsNext;

    private boolean inData;
    private long dataOctets;

    Conversation(ConversationListener listener) {
        this.listener = listener;
    }

    /** A command line the session is about to read, without its CRLF. */
    void clientLine(byte[] line, int length) {
        if (credentialsNext) {
            credentialsNext = false;
            client(HIDDEN);
            return;
        }
        client(hideInitialResponse(new String(line, 0, length, StandardCharsets.UTF_8)));
    }

    /** A line that was not handed to the session (too long, NUL, bare CR, not UTF-8). */
    void refusedLine(String why) {
        credentialsNext = false;
        client("(refused line: " + why + ")");
    }

    /** DATA was accepted: its 354 follows, then the message. */
    void dataBegins() {
        inData = true;
        dataOctets = 0;
    }

    void dataOctets(int n) {
        dataOctets += n;
    }

    /** The final dot was read: the message is what came before its CRLF "." CRLF. */
    void dataEnds() {
        if (inData) {
            inData = false;
            client("(message data: " + Math.max(0, dataOctets - 3) + " octets)");
        }
    }

    void replyOctets(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            replyOctet(b[i]);
        }
    }

    void replyOctet(int b) {
        if (b == '\n') {
            int n = replyLength > 0 && reply[replyLength - 1] == '\r' ? replyLength - 1 : replyLength;
            replyLength = 0;
            replyLine(new String(reply, 0, n, StandardCharsets.UTF_8));
        } else if (replyLength < reply.length) {
            reply[replyLength++] = (byte) b;
        }
    }

    /** The session ends: a DATA cut short and a reply line without its LF are told as they are. */
    void sessionEnds() {
        dataCutShort();
        if (replyLength > 0) {
            replyOctet('\n');
        }
    }

    private void replyLine(String line) {
        if (!line.startsWith("354")) {
            dataCutShort(); // any other reply inside DATA ends it: the client timed out or went away
        }
        if (line.length() == 3 || line.length() > 3 && line.charAt(3) == ' ') {
            credentialsNext = line.startsWith("334");
        }
        server(line);
    }

    private void dataCutShort() {
        if (inData) {
            inData = false;
            client("(message data: " + dataOctets + " octets, incomplete)");
        }
    }

    /** {@code AUTH PLAIN <response>} becomes {@code AUTH PLAIN (credentials hidden)}. */
    static String hideInitialResponse(String line) {
        if (line.length() < 5 || !line.regionMatches(true, 0, "AUTH ", 0, 5)) {
            return line;
        }
        String[] words = line.strip().split(" +", 3);
        return words.length < 3 ? line : words[0] + " " + words[1].toUpperCase(Locale.ROOT) + " " + HIDDEN;
    }

    private void client(String line) {
        ConversationListener l = listener;
        if (l != null) {
            try {
                l.client(line);
            } catch (RuntimeException e) {
                listener = null;
            }
        }
    }

    private void server(String line) {
        ConversationListener l = listener;
        if (l != null) {
            try {
                l.server(line);
            } catch (RuntimeException e) {
                listener = null;
            }
        }
    }
}
