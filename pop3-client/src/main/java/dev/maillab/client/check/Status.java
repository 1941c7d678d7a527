package dev.maillab.client.check;

/** Outcome of one check, and of a whole message (the worst of its checks). */
public enum Status {
    OK,
    WARN,
    FAIL;

    public Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
