package dev.maillab.mailserver.pop3.james;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Cuts the client's octets into command lines (each with its line end) and bounds what a client can make
 * the server hold or wait for:
 * <ul>
 * <li>a line longer than {@code maxLength} octets with its CRLF is skipped to its end and stands as
 *     {@link #TOO_LONG} (answered {@code -ERR}); the lines after it are read as usual;</li>
 * <li>while the session waits for a reply ({@link #pause()}), no line is cut and nothing more is read:
 *     pipelined commands wait in this buffer, in order, however many there are;</li>
 * <li>a line must end within {@code deadline} of its first octet, or {@code onDeadline} runs;</li>
 * <li>at STLS everything already received is dropped ({@link #discardBuffered()}): nothing sent before the
 *     handshake may be obeyed after it (CVE-2011-0411).</li>
 * </ul>
 */
final class CommandLineDecoder extends ByteToMessageDecoder {

    /** Stands for a line over the limit; its octets were discarded. */
    static final Object TOO_LONG = new Object() {
        @Override
        public String toString() {
            return "line too long";
        }
    };

    private final int maxLength;
    private final long deadlineNanos;
    private final Consumer<ChannelHandlerContext> onDeadline;
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean discarding;
    private ScheduledFuture<?> deadlineTimer;

    CommandLineDecoder(int maxLength, Duration deadline, Consumer<ChannelHandlerContext> onDeadline) {
        this.maxLength = maxLength;
        this.deadlineNanos = deadline.toNanos();
        this.onDeadline = onDeadline;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (paused || !in.isReadable()) {
            return;
        }
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            // the shortest ending is a bare LF: with it, this many octets no longer fit
            if (discarding || in.readableBytes() >= maxLength) {
                discarding = true;
                in.skipBytes(in.readableBytes());
            }
            startDeadline();
            return;
        }
        stopDeadline();
        int length = lf + 1 - in.readerIndex();
        if (discarding || length > maxLength) {
            discarding = false;
            in.skipBytes(length);
            out.add(TOO_LONG);
            return;
        }
        out.add(in.readRetainedSlice(length));
    }

    /** A line begun but not ended when the connection closes is dropped, not obeyed. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        stopDeadline();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        stopDeadline();
    }

    /** Nothing new while paused: no read is asked for (the base class would ask when no line came out). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (paused) {
            ctx.fireChannelReadComplete();
        } else {
            super.channelReadComplete(ctx);
        }
    }

    /** Holds the following lines and stops reading until {@link #resume()}. Call on the event loop. */
    void pause() {
        paused = true;
        stopDeadline();
        ctx.channel().config().setAutoRead(false);
    }

    /** Cuts the lines received meanwhile (each may pause again), then reads on. Call on the event loop. */
    void resume() {
        paused = false;
        // a fresh task: never inside a decode that is still on the stack
        ctx.executor().execute(() -> {
            if (paused || !ctx.channel().isActive()) {
                return;
            }
            try {
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
            if (!paused) {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    /** Drops every octet received and not yet handled (called as the SslHandler goes in). */
    void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        discarding = false;
        stopDeadline();
    }

    private void startDeadline() {
        if (deadlineTimer == null) {
            deadlineTimer = ctx.executor()
                    .schedule(
                            () -> {
                                deadlineTimer = null;
                                if (ctx.channel().isActive()) {
                                    onDeadline.accept(ctx);
                                }
                            },
                            deadlineNanos,
                            TimeUnit.NANOSECONDS);
        }
    }

    private void stopDeadline() {
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
            deadlineTimer = null;
        }
    }
}
