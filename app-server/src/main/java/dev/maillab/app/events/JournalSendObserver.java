package dev.maillab.app.events;

import dev.maillab.app.send.SendObserver;
import dev.maillab.app.send.SendReport;
import dev.maillab.events.EventJournal;

/** Each send of this process as an {@code app.send} event in its journal. */
final class JournalSendObserver implements SendObserver {

    private final EventJournal journal;

    JournalSendObserver(EventJournal journal) {
        this.journal = journal;
    }

    @Override
    public void ended(SendReport report) {
        journal.record(AppSend.KIND, AppSend.of(report));
    }
}
