package dev.maillab.mailserver.events;

import java.util.List;

/**
 * {@code smtp.session}, when an SMTP session has ended.
 *
 * @param session    the session's id (also in its smtp.delivery and smtp.rejection events)
 * @param client     {@code ip:port}
 * @param clientName the client's reverse name, null without one
 * @param helo       the last HELO/EHLO name, null without one
 * @param tls        {@code protocol/cipher suite} after STARTTLS, else null
 * @param authUser   who authenticated, else null
 * @param queueIds   every queue id the session's transactions were given
 * @param transcript every command and reply line, message data and credentials left out
 * @param truncated  transcript lines left out (between the first and the last ones kept)
 * @param start      when the session was admitted
 * @param end        when it ended
 */
record SmtpSessionEvent(
        String session,
        String client,
        String clientName,
        String helo,
        String tls,
        String authUser,
        List<String> queueIds,
        List<TranscriptLine> transcript,
        long truncated,
        String start,
        String end) {

    /** @param from {@code client} or {@code server} */
    record TranscriptLine(String from, String line) {}
}
