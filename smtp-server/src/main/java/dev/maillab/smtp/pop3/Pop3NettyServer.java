package dev.maillab.smtp.pop3;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.AbstractAsyncServer;
import org.apache.james.protocols.netty.AbstractSSLAwareChannelPipelineFactory;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;

/**
 * James' Netty server, wired like its NettyServer but with two things that one cannot do: the
 * session knows its channel (for {@link HeldReply}), and a connection over the limit is told why
 * ({@code -ERR [SYS/TEMP]}) instead of being closed silently.
 */
final class Pop3NettyServer extends AbstractAsyncServer {

    private static final byte[] TOO_MANY =
            "-ERR [SYS/TEMP] Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Protocol protocol;
    private final Encryption encryption;
    private final int maxConnections;
    private final int maxLineLength;
    private final Pop3Metrics metrics;
    private final AtomicInteger open = new AtomicInteger();

    Pop3NettyServer(Protocol protocol, Encryption encryption, int maxConnections, int maxLineLength,
            Pop3Metrics metrics) {
        this.protocol = protocol;
        this.encryption = encryption;
        this.maxConnections = maxConnections;
        this.maxLineLength = maxLineLength;
        this.metrics = metrics;
    }

    @Override
    protected AbstractSSLAwareChannelPipelineFactory<SocketChannel> createPipelineFactory() {
        // null executor group: every handler of a connection runs on its own event loop thread
        return new AbstractSSLAwareChannelPipelineFactory<>(getTimeout(), 0, 0, false, () -> encryption,
                new LineDelimiterBasedChannelHandlerFactory(maxLineLength), null) {
            @Override
            protected ChannelInboundHandlerAdapter createHandler() {
                return new CoreHandler(protocol, encryption);
            }
        };
    }

    private final class CoreHandler extends BasicChannelInboundHandler {

        private boolean admitted;

        CoreHandler(Protocol protocol, Encryption encryption) {
            super(new AddressOnlyMdcContext(), protocol, encryption, false);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (open.incrementAndGet() > maxConnections) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            admitted = true;
            metrics.activeSessions.incrementAndGet();
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            open.decrementAndGet();
            if (admitted) {
                metrics.activeSessions.decrementAndGet();
            }
            super.channelInactive(ctx);
        }

        @Override
        protected ProtocolSession createSession(ChannelHandlerContext ctx) {
            ProtocolSession session = super.createSession(ctx);
            session.setAttachment(HeldReply.CHANNEL, ctx.channel(), ProtocolSession.State.Connection);
            return session;
        }
    }
}
