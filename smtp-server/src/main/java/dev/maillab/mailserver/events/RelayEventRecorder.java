package dev.maillab.mailserver.events;

import dev.maillab.mailserver.relay.RelayObserver;
import java.time.temporal.ChronoUnit;

/** {@code relay.queued}, {@code relay.attempt} and {@code relay.bounce} into the journal: a message's outbound hops. */
final class RelayEventRecorder implements RelayObserver {

    private final Recorder recorder;

    RelayEventRecorder(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void queued(Queued q) {
        if (recorder.enabled()) {
            recorder.record(
                    "relay.queued",
                    new RelayQueuedEvent(
                            q.queueId(), q.messageId(), q.sender(), q.recipients(), q.domains(), q.size()));
        }
    }

    @Override
    public void attempted(Attempt a) {
        if (recorder.enabled()) {
            recorder.record(
                    "relay.attempt",
                    new RelayAttemptEvent(
                            a.queueId(),
                            a.recipient(),
                            a.domain(),
                            a.attempt(),
                            a.start().truncatedTo(ChronoUnit.MILLIS).toString(),
                            a.relay(),
                            a.delay(),
                            a.dsn(),
                            a.status(),
                            a.reply(),
                            a.detail()));
        }
    }

    @Override
    public void bounced(Bounce b) {
        if (recorder.enabled()) {
            recorder.record(
                    "relay.bounce",
                    new RelayBounceEvent(
                            b.queueId(),
                            b.bounceQueueId(),
                            b.bounceMessageId(),
                            b.to(),
                            b.recipients(),
                            b.delivery(),
                            b.expired()));
        }
    }
}
