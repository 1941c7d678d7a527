package dev.maillab.app.send;

/**
 * Told of every send once it ended, accepted or not (a request refused as invalid sends nothing and is not told).
 * Called on the sending thread after the outcome is known; what an observer throws is logged and does not change
 * the outcome.
 */
@FunctionalInterface
public interface SendObserver {

    SendObserver NONE = report -> {};

    void ended(SendReport report);
}
