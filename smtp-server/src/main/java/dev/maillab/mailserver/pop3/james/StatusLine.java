package dev.maillab.mailserver.pop3.james;

/** A reply stream that carries its own status line ({@code +OK 592 octets}), so the session's record can name it. */
public interface StatusLine {

    String statusLine();
}
