package dev.maillab.systemtest.clients;

import java.util.UUID;

/**
 * A message body no two tests share, with the lines that mail software tends to mangle: a leading dot and a lone
 * dot (SMTP and POP3 dot-stuffing), "From " at a line start (mbox quoting), a tab, trailing blanks, an empty line,
 * a line longer than 78 characters. Lines end in LF, as a user's file does; the wire and the Maildir use CRLF.
 */
record TestBody(String marker, String text) {

    static TestBody unique(String client) {
        String marker = client + "-" + UUID.randomUUID();
        String text = "client matrix " + marker + "\n"
                + ".leading dot\n"
                + ".\n"
                + "From the start of a line\n"
                + "\ta tab, and two trailing blanks  \n"
                + "\n"
                + "long " + "0123456789".repeat(25) + "\n"
                + "last line\n";
        return new TestBody(marker, text);
    }

    String subject() {
        return "client matrix " + marker;
    }

    /** A whole RFC 5322 message carrying this body, for the clients that send a file as it is. */
    String message() {
        return "From: alice@example.local\n"
                + "To: test@example.local\n"
                + "Subject: " + subject() + "\n"
                + "\n"
                + text;
    }
}
