package dev.maillab.mailserver.events;

import dev.maillab.mailserver.smtp.SmtpObserver;
import java.net.InetSocketAddress;

/** Follows every SMTP session into the journal; with the journal disabled it follows none (nothing is copied). */
final class SmtpEventRecorder implements SmtpObserver {

    private final Recorder recorder;
    private final TranscriptProperties limits;

    SmtpEventRecorder(Recorder recorder, TranscriptProperties limits) {
        this.recorder = recorder;
        this.limits = limits;
    }

    @Override
    public SessionObserver sessionStarted(String session, InetSocketAddress client, String clientName) {
        if (!recorder.enabled()) {
            return null;
        }
        return new SmtpSessionRecording(recorder, limits, session, Recorder.address(client), clientName);
    }
}
