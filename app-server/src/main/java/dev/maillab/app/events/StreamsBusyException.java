package dev.maillab.app.events;

/** Every live stream slot ({@code maillab.events.max-streams}) is taken: 503. */
final class StreamsBusyException extends RuntimeException {

    StreamsBusyException(int maxStreams) {
        super("all " + maxStreams + " live streams (maillab.events.max-streams) are open; try again later");
    }
}
