package dev.maillab.events.servlet;

/** Every live stream slot ({@code maillab.events.max-streams}) is taken: 503. */
public final class StreamsBusyException extends RuntimeException {

    public StreamsBusyException(int maxStreams) {
        super("all " + maxStreams + " live streams (maillab.events.max-streams) are open; try again later");
    }
}
