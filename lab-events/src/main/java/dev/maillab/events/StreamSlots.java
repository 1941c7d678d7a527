package dev.maillab.events;

import java.util.concurrent.Semaphore;

/** The bound on live streams open at once: a stream takes a slot for its lifetime, and none left means 503. */
public final class StreamSlots {

    private final Semaphore slots;

    public StreamSlots(EventsProperties properties) {
        this.slots = new Semaphore(properties.maxStreams());
    }

    /** A slot, or false when every one is taken. */
    public boolean tryTake() {
        return slots.tryAcquire();
    }

    public void giveBack() {
        slots.release();
    }

    public int free() {
        return slots.availablePermits();
    }
}
