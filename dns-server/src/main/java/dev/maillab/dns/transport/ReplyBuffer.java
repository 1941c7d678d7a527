package dev.maillab.dns.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The UDP answers of one socket, written one after another into a direct buffer and sent as slices of it. Without
 * it each answer is a heap array that the epoll transport copies into a pooled direct buffer of its own before
 * sendmmsg (an allocation, a copy and a release per query: a fifth of the event loop's time under dnsperf). A slice
 * holds the buffer until its datagram is sent; the buffer is written again from its start once no slice is left,
 * which after a batch's flush is the usual case, and replaced when one still is. Used by one event loop thread only.
 */
final class ReplyBuffer {

    private static final int CAPACITY = 64 * 1024;

    private final ByteBufAllocator allocator;
    private ByteBuf buffer;

    ReplyBuffer(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** {@code reply} as a buffer of its own to send (the caller's reference, released once it is sent). */
    ByteBuf copyOf(byte[] reply) {
        if (buffer != null && buffer.refCnt() == 1) {
            buffer.clear(); // every slice of it has been sent and released
        }
        if (buffer == null || buffer.writableBytes() < reply.length) {
            release();
            buffer = allocator.directBuffer(Math.max(CAPACITY, reply.length));
        }
        int at = buffer.writerIndex();
        buffer.writeBytes(reply);
        return buffer.retainedSlice(at, reply.length);
    }

    /** Gives the buffer back (the slices still unsent keep it until they are). */
    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
