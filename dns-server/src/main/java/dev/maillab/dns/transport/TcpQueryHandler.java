package dev.maillab.dns.transport;

import dev.maillab.dns.query.Protocol;
import dev.maillab.dns.query.QueryProcessor;
import dev.maillab.dns.query.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One length-prefixed DNS message per frame (RFC 1035 4.2.2, RFC 7766), any number per connection. A frame too
 * short to hold a header, too long, or a connection idle past the timeout is closed; other connections go on.
 */
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger log = LoggerFactory.getLogger(TcpQueryHandler.class);
    private static final int HEADER = 12;

    private final QueryProcessor processor;
    private final AnswerListener answers;

    TcpQueryHandler(QueryProcessor processor, AnswerListener answers) {
        this.processor = processor;
        this.answers = answers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        int length = frame.readableBytes();
        if (length < HEADER) {
            log.debug(
                    "tcp {}: {}-byte frame cannot hold a DNS header; closing",
                    ctx.channel().remoteAddress(),
                    length);
            ctx.close();
            return;
        }
        byte[] query = ByteBufUtil.getBytes(frame);
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        long start = System.nanoTime();
        Reply reply = processor.process(query, length, Protocol.TCP, remote.getAddress());
        String fault = reply instanceof Reply.Faulted faulted ? faulted.fault() : null;
        if (reply instanceof Reply.Faulted faulted) {
            reply = faulted.reply();
            if (reply == Reply.DROP) {
                // the connection stays open and silent for this query, as a server that lost it would be
                answers.faulted(Protocol.TCP, remote, faulted.question(), false, fault, System.nanoTime() - start);
                return;
            }
        }
        if (reply instanceof Reply.Now now) {
            long nanos = System.nanoTime() - start;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(now.wire()));
            answers.answered(Protocol.TCP, remote, now.wire(), nanos, fault);
        } else if (reply instanceof Reply.Later later) {
            Channel channel = ctx.channel();
            later.wire().thenAccept(wire -> {
                if (wire != null && channel.isActive()) {
                    long nanos = System.nanoTime() - start;
                    channel.writeAndFlush(Unpooled.wrappedBuffer(wire));
                    answers.answered(Protocol.TCP, remote, wire, nanos, fault);
                }
            });
        } else if (reply instanceof Reply.Stream stream) {
            long nanos = System.nanoTime() - start;
            for (byte[] message : stream.messages()) {
                ctx.write(Unpooled.wrappedBuffer(message));
            }
            ctx.flush();
            answers.transferred(Protocol.TCP, remote, stream.messages(), nanos);
        } else {
            ctx.close(); // a response sent to us over TCP: nothing sensible follows on this connection
        }
    }

    /**
     * A client that sends queries but does not read the answers: once the answers waiting for it pass Netty's high
     * water mark, stop reading its queries (they wait in the kernel) until it reads; the idle timeout, which counts
     * whole queries, then closes it. Without this the answers would pile up in the heap without bound.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            log.debug("tcp {}: idle; closing", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.debug("tcp {}: {}; closing", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            log.debug("tcp {}: {}; closing", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
