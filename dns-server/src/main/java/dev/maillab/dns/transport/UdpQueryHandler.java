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
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One datagram in, at most one out. Writes are flushed once per read batch (sendmmsg under epoll), and the listener
 * is told of the batch's answers after that flush. One per UDP socket: its buffers belong to the socket's thread.
 */
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);

    private final QueryProcessor processor;
    private final int maxMessageSize;
    private final AnswerListener answers;
    private final List<Sent> sent = new ArrayList<>();
    private ReplyBuffer replies;

    /** An answer of the current batch, for the listener. */
    private record Sent(InetSocketAddress client, byte[] wire, long nanos, String fault) {}

    UdpQueryHandler(QueryProcessor processor, int maxMessageSize, AnswerListener answers) {
        this.processor = processor;
        this.maxMessageSize = maxMessageSize;
        this.answers = answers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        InetSocketAddress sender = packet.sender();
        // an oversized datagram still has a readable header: the processor answers it (FORMERR) from its head
        int length = Math.min(content.readableBytes(), maxMessageSize);
        byte[] query = ByteBufUtil.getBytes(content, content.readerIndex(), length, false);
        long start = System.nanoTime();
        Reply reply = processor.process(query, length, Protocol.UDP, sender.getAddress());
        String fault = reply instanceof Reply.Faulted faulted ? faulted.fault() : null;
        if (reply instanceof Reply.Faulted faulted) {
            reply = faulted.reply();
            if (reply == Reply.DROP) {
                answers.faulted(Protocol.UDP, sender, faulted.question(), false, fault, System.nanoTime() - start);
                return;
            }
        }
        if (reply instanceof Reply.Now now) {
            long nanos = System.nanoTime() - start;
            ctx.write(new DatagramPacket(replies.copyOf(now.wire()), sender), ctx.voidPromise());
            if (answers != AnswerListener.NONE) {
                sent.add(new Sent(sender, now.wire(), nanos, fault));
            }
        } else if (reply instanceof Reply.Later later) {
            Channel channel = ctx.channel();
            later.wire().thenAccept(wire -> {
                if (wire != null) {
                    long nanos = System.nanoTime() - start;
                    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(wire), sender));
                    answers.answered(Protocol.UDP, sender, wire, nanos, fault);
                }
            });
        }
        // Drop sends nothing; a Stream (zone transfer) is refused over UDP before it gets here
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        replies = new ReplyBuffer(ctx.alloc());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        replies.release();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        // the answers do not wait for their events
        for (Sent answer : sent) {
            answers.answered(Protocol.UDP, answer.client(), answer.wire(), answer.nanos(), answer.fault());
        }
        sent.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // e.g. ICMP port unreachable surfacing as an error: one client's problem, never the socket's
        log.debug("udp: {}", cause.toString());
    }
}
