package dev.maillab.mailserver.pop3;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines worded as Dovecot writes them, under Dovecot's process names, so that one message can be
 * followed by its UIDL (the SMTP side logs it as {@code file=}) and every session ends in one line:
 * {@code pop3(test)<id>: Logged out top=0/0, retr=1/592, del=0/1, size=592}. One line per event, never
 * a stack trace for what a client did.
 */
public final class Pop3Log {

    private static final int MAX_TEXT = 120;

    private final Logger login = LoggerFactory.getLogger("dovecot/pop3-login");
    private final Logger pop3 = LoggerFactory.getLogger("dovecot/pop3");

    public void refused(String rip, String why) {
        login.info("Disconnected: {}: rip={}", why, rip);
    }

    public void loggedIn(SessionSummary s) {
        login.info(
                "Login: user=<{}>, method={}, rip={}{}, session=<{}>, messages={}, size={}",
                s.user,
                s.method,
                s.rip,
                s.tls ? ", TLS" : "",
                s.id,
                s.messages,
                s.size);
    }

    public void loginFailed(String user, String method, String rip, String why, Duration delay) {
        login.info(
                "Login failed ({}): user=<{}>, method={}, rip={}, reply delayed {} ms",
                why,
                bounded(user),
                method,
                rip,
                delay.toMillis());
    }

    public void retrieved(SessionSummary s, String command, int number, String uidl, long size) {
        pop3.info("pop3({})<{}>: {}: msg={}, uidl={}, size={}", s.user, s.id, command, number, uidl, size);
    }

    public void deleted(SessionSummary s, int number, String uidl, long size) {
        pop3.info("pop3({})<{}>: dele: msg={}, uidl={}, size={}", s.user, s.id, number, uidl, size);
    }

    /** The one line that ends every session, logged in or not; {@code summary} is {@link SessionSummary#logout}. */
    void ended(SessionSummary s, String summary) {
        if (s.user == null) {
            login.info(
                    "{}: user=<{}>, rip={}{}, session=<{}>",
                    summary,
                    s.triedUser == null ? "" : bounded(s.triedUser),
                    s.rip,
                    s.tls ? ", TLS" : "",
                    s.id);
            return;
        }
        pop3.info("pop3({})<{}>: {}, rip={}", s.user, s.id, summary, s.rip);
    }

    /** Printable ASCII only and at most {@value #MAX_TEXT} characters: what a client sent goes into a log line. */
    public static String bounded(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && b.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX_TEXT) {
            b.append("...");
        }
        return b.toString();
    }
}
