package dev.maillab.mailserver.pop3.james;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link ReplyStream} as Netty's chunks: each chunk is read into the event loop's scratch array and copied once
 * into a pooled buffer. Netty's {@code ChunkedStream} instead wraps the stream in a {@code PushbackInputStream}, reads
 * one octet ahead to find its end, and allocates a temporary array for every chunk over 1 KB: with one RETR per
 * round trip, that garbage was a large part of the POP3 server's allocation.
 */
final class ReplyChunks implements ChunkedInput<ByteBuf> {

    /** One chunk: a 4 KB message and its status line leave in one write; the array lives as long as its thread. */
    private static final int CHUNK = 16 * 1024;

    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[CHUNK];
        }
    };

    private final InputStream stream;
    private final ReplyStream reply;
    private long sent;

    /** @param reply {@code stream} itself, as a reply */
    ReplyChunks(InputStream stream, ReplyStream reply) {
        this.stream = stream;
        this.reply = reply;
    }

    @Override
    public boolean isEndOfInput() {
        return reply.atEnd();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    /** The next chunk, or null once the reply has been read to its end. */
    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        // used only inside this call, on this thread: another connection's reply cannot interleave
        byte[] scratch = SCRATCH.get();
        int n = stream.read(scratch, 0, scratch.length);
        if (n <= 0) {
            return null;
        }
        sent += n;
        return allocator.directBuffer(n).writeBytes(scratch, 0, n);
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return sent;
    }
}
