package dev.maillab.mailserver.events;

import dev.maillab.mailserver.events.Pop3SessionEvent.Command;
import dev.maillab.mailserver.pop3.Pop3Observer;

/**
 * One POP3 session as it goes: each command paired with the first line of the reply that follows it (POP3 answers
 * one command at a time; the greeting answers none), bounded by {@link TranscriptProperties}, and the
 * {@code pop3.session} when the connection closes. Used on the connection's event loop only.
 */
final class Pop3SessionRecording implements Pop3Observer.SessionObserver {

    private final Recorder recorder;
    private final TranscriptProperties limits;
    private final String session;
    private final String client;
    private final String start = Recorder.now();
    private final HeadAndTail<Command> commands;
    /** The command whose reply has not come yet. */
    private String pending;

    private String pendingMessage;

    Pop3SessionRecording(Recorder recorder, TranscriptProperties limits, String session, String client) {
        this.recorder = recorder;
        this.limits = limits;
        this.session = session;
        this.client = client;
        this.commands = new HeadAndTail<>(limits.maxLines());
    }

    @Override
    public void command(String line, String message) {
        unanswered();
        pending = limits.shown(line);
        pendingMessage = message;
    }

    @Override
    public void reply(String line) {
        if (pending != null) {
            commands.add(new Command(pending, limits.shown(line), pendingMessage));
            pending = null;
        }
    }

    @Override
    public void ended(String user, String tls, String summary) {
        unanswered();
        recorder.record(
                "pop3.session",
                new Pop3SessionEvent(
                        session,
                        client,
                        user,
                        tls,
                        commands.list(n -> new Command("(" + n + " commands left out)", null, null)),
                        commands.leftOut(),
                        summary,
                        start,
                        Recorder.now()));
    }

    /** A command that got no reply (the connection closed, its line was dropped) is kept without one. */
    private void unanswered() {
        if (pending != null) {
            commands.add(new Command(pending, null, pendingMessage));
            pending = null;
        }
    }
}
