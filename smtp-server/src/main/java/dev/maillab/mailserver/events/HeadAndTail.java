package dev.maillab.mailserver.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A list bounded to {@code max} items: the first half and the newest half are kept, what came between is counted.
 * A session's start (who, HELO, TLS) and its end (the last replies, QUIT) are what a reader looks for.
 */
final class HeadAndTail<T> {

    private final int headMax;
    private final int tailMax;
    private final List<T> head = new ArrayList<>();
    private final ArrayDeque<T> tail = new ArrayDeque<>();
    private long leftOut;

    HeadAndTail(int max) {
        this.headMax = (max + 1) / 2;
        this.tailMax = max - headMax;
    }

    void add(T item) {
        if (head.size() < headMax) {
            head.add(item);
            return;
        }
        if (tailMax == 0) {
            leftOut++;
            return;
        }
        if (tail.size() == tailMax) {
            tail.removeFirst();
            leftOut++;
        }
        tail.addLast(item);
    }

    /** Items added but not kept. */
    long leftOut() {
        return leftOut;
    }

    /**
     * The items kept, in order.
     *
     * @param marker makes the item that stands where items were left out (given their number), or null for none
     */
    List<T> list(LongFunction<T> marker) {
        List<T> all = new ArrayList<>(head.size() + tail.size() + 1);
        all.addAll(head);
        if (leftOut > 0 && marker != null) {
            all.add(marker.apply(leftOut));
        }
        all.addAll(tail);
        return all;
    }
}
