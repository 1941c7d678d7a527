package dev.maillab.mailserver.events;

import dev.maillab.mailserver.maildir.MaildirObserver;
import java.nio.file.Path;

/**
 * {@code maildir.moved} and {@code maildir.deleted} into the journal. Besides POP3's UPDATE (through the maildir
 * package) anything that removes a message (the mailbox API's delete) calls {@link #deleted}, this bean as a
 * {@link MaildirObserver}.
 */
final class MaildirEventRecorder implements MaildirObserver {

    private final Recorder recorder;

    MaildirEventRecorder(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void moved(String user, String message, Path from, Path to) {
        if (recorder.enabled()) {
            recorder.record("maildir.moved", new MaildirMovedEvent(user, message, from.toString(), to.toString()));
        }
    }

    @Override
    public void deleted(String user, String message, Path path) {
        if (recorder.enabled()) {
            recorder.record("maildir.deleted", new MaildirDeletedEvent(user, message, path.toString()));
        }
    }
}
