package dev.maillab.mailserver.events;

import dev.maillab.mailserver.events.SmtpSessionEvent.TranscriptLine;
import dev.maillab.mailserver.smtp.SmtpObserver;
import java.util.Locale;
import java.util.Set;

/**
 * One SMTP session as it goes: its transcript and queue ids (bounded by {@link TranscriptProperties}), an
 * {@code smtp.delivery} per copy and an {@code smtp.rejection} per refused MAIL, RCPT or DATA as they happen, and
 * the {@code smtp.session} at its end. A refusal is what the transcript shows: a 4xx or 5xx final reply to one of
 * those commands (or to the message after DATA), whichever part of the server wrote it. Used by the session's
 * thread only.
 */
final class SmtpSessionRecording implements SmtpObserver.SessionObserver {

    private static final Set<String> TRANSACTION = Set.of("MAIL", "RCPT", "DATA");
    /** Commands after which no transaction is in progress (RFC 5321 4.1.4; STARTTLS resets the session). */
    private static final Set<String> RESETS = Set.of("MAIL", "RSET", "HELO", "EHLO", "STARTTLS");

    private final Recorder recorder;
    private final TranscriptProperties limits;
    private final String session;
    private final String client;
    private final String clientName;
    private final String start = Recorder.now();
    private final HeadAndTail<TranscriptLine> transcript;
    private final HeadAndTail<String> queueIds;
    /** The MAIL, RCPT or DATA line the next final reply answers, else null. */
    private String command;
    /** The message after DATA was sent: its reply ends the transaction. */
    private boolean afterData;
    /** The queue id of the transaction in progress. */
    private String queueId;

    SmtpSessionRecording(
            Recorder recorder, TranscriptProperties limits, String session, String client, String clientName) {
        this.recorder = recorder;
        this.limits = limits;
        this.session = session;
        this.client = client;
        this.clientName = clientName;
        this.transcript = new HeadAndTail<>(limits.maxLines());
        this.queueIds = new HeadAndTail<>(limits.maxLines());
    }

    @Override
    public void client(String line) {
        String shown = limits.shown(line);
        transcript.add(new TranscriptLine("client", shown));
        if (line.startsWith("(message data")) {
            afterData = command != null;
            return; // the reply to come still answers DATA
        }
        String verb = verb(line);
        command = TRANSACTION.contains(verb) ? shown : null;
        afterData = false;
        if (RESETS.contains(verb)) {
            queueId = null;
        }
    }

    @Override
    public void server(String line) {
        transcript.add(new TranscriptLine("server", limits.shown(line)));
        boolean last = line.length() == 3 || line.length() > 3 && line.charAt(3) == ' ';
        if (!last || line.startsWith("354")) {
            return;
        }
        if (command != null && (line.startsWith("4") || line.startsWith("5"))) {
            recorder.record(
                    "smtp.rejection",
                    new SmtpRejectionEvent(session, queueId, client, command, limits.shown(line), address(command)));
        }
        if (afterData) {
            queueId = null; // accepted or refused, the transaction is over
        }
        command = null;
        afterData = false;
    }

    @Override
    public void queueId(String id) {
        queueIds.add(id);
        queueId = id;
    }

    @Override
    public void delivered(SmtpObserver.Delivery d) {
        recorder.record(
                "smtp.delivery",
                new SmtpDeliveryEvent(
                        session,
                        d.queueId(),
                        d.messageId(),
                        d.from(),
                        d.recipient(),
                        d.user(),
                        d.file().toString(),
                        d.size(),
                        d.durableMillis()));
    }

    @Override
    public void ended(String helo, String tls, String authUser) {
        recorder.record(
                "smtp.session",
                new SmtpSessionEvent(
                        session,
                        client,
                        clientName,
                        limits.shown(helo),
                        tls,
                        authUser,
                        queueIds.list(null),
                        transcript.list(n -> new TranscriptLine("server", "(" + n + " lines left out)")),
                        transcript.leftOut(),
                        start,
                        Recorder.now()));
    }

    private static String verb(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** The address of {@code MAIL FROM:<a>} or {@code RCPT TO:<a>}; null for DATA. */
    static String address(String command) {
        int colon = command.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String rest = command.substring(colon + 1).strip();
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            return close < 0 ? rest.substring(1) : rest.substring(1, close);
        }
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}
