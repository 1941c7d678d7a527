package dev.maillab.mailserver.events;

import dev.maillab.mailserver.pop3.Pop3Observer;
import java.net.InetSocketAddress;

/** Follows every POP3 session into the journal; with the journal disabled it follows none. */
final class Pop3EventRecorder implements Pop3Observer {

    private final Recorder recorder;
    private final TranscriptProperties limits;

    Pop3EventRecorder(Recorder recorder, TranscriptProperties limits) {
        this.recorder = recorder;
        this.limits = limits;
    }

    @Override
    public SessionObserver sessionStarted(String session, InetSocketAddress client) {
        if (!recorder.enabled()) {
            return null;
        }
        return new Pop3SessionRecording(recorder, limits, session, Recorder.address(client));
    }
}
