package dev.maillab.mailserver.pop3.james;

import dev.maillab.mailserver.net.ConnectionLimits;
import dev.maillab.mailserver.pop3.ClientFaults;
import dev.maillab.mailserver.pop3.Pop3Log;
import dev.maillab.mailserver.pop3.Pop3Metrics;
import dev.maillab.mailserver.pop3.Pop3Properties;
import dev.maillab.mailserver.pop3.SessionSummary;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.netty.AbstractAsyncServer;
import org.apache.james.protocols.netty.AbstractSSLAwareChannelPipelineFactory;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * James' Netty server, wired like its NettyServer but with what one cannot configure there: the
 * {@link CommandLineDecoder} as framer (line limit, back-pressure, per-line deadline, STLS discard),
 * connection limits in total and per client address that tell the client why ({@code -ERR [SYS/TEMP]}),
 * an autologout that says so, the session's channel (for {@link HeldReply}), and one log line instead
 * of a stack trace for what a client did wrong.
 */
public final class Pop3NettyServer extends AbstractAsyncServer {

    /** After the last line of a connection the server ends, how long its client may take to read it. */
    private static final Duration LAST_WORDS = Duration.ofSeconds(2);

    /** How long unbind waits for a listening socket to close. */
    private static final Duration UNBIND_WAIT = Duration.ofSeconds(5);

    private final Set<Channel> listening = ConcurrentHashMap.newKeySet();
    private final Protocol protocol;
    private final Encryption encryption;
    private final ConnectionLimits limits;
    private final Pop3Properties properties;
    private final Pop3CommandDispatcher dispatcher;
    private final Pop3Metrics metrics;
    private final Pop3Log pop3Log;

    /**
     * @param encryption STLS's (offered in the session) or implicit TLS's (POP3S: the handshake at connect), null for
     *                   none
     * @param limits     the connection slots, shared by every POP3 listener of the host
     */
    public Pop3NettyServer(
            Protocol protocol,
            Encryption encryption,
            Pop3Properties properties,
            Pop3CommandDispatcher dispatcher,
            Pop3Metrics metrics,
            Pop3Log pop3Log,
            ConnectionLimits limits) {
        this.protocol = protocol;
        this.encryption = encryption;
        this.limits = limits;
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.pop3Log = pop3Log;
        // James names its event loop threads after this ("pop3-io-0", "pop3s-io-1": the thread column of the log)
        this.jmxName = implicitTls() ? "pop3s" : "pop3";
    }

    ConnectionLimits limits() {
        return limits;
    }

    /** POP3S: TLS from the first octet. */
    boolean implicitTls() {
        return encryption != null && encryption.supportsEncryption() && !encryption.isStartTLS();
    }

    @Override
    protected void configureBootstrap(ServerBootstrap bootstrap) {
        super.configureBootstrap(bootstrap);
        bootstrap.handler(new ListeningChannels());
    }

    /**
     * James' unbind without graceful shutdown only starts closing the listening sockets; this one returns once they
     * are closed, so a stopped server refuses connections and its port can be bound again at once.
     */
    @Override
    public synchronized void unbind() {
        super.unbind();
        for (Channel channel : listening) {
            channel.close().awaitUninterruptibly(UNBIND_WAIT.toMillis());
        }
        listening.clear();
    }

    /** Remembers each listening socket's channel (the bootstrap's handler sits in its pipeline). */
    @ChannelHandler.Sharable
    private final class ListeningChannels extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            listening.add(ctx.channel());
            ctx.fireChannelRegistered();
        }
    }

    @Override
    protected AbstractSSLAwareChannelPipelineFactory<SocketChannel> createPipelineFactory() {
        // null executor group: every handler of a connection runs on its own event loop thread;
        // timeout 0: James' silent idle handler is replaced by IdleLogout below
        return new AbstractSSLAwareChannelPipelineFactory<>(
                0,
                0,
                0,
                false,
                () -> encryption,
                pipeline -> new CommandLineDecoder(
                        properties.maxLineLength(),
                        properties.commandDeadline(),
                        ctx -> endWith(
                                ctx.channel(),
                                "Command line not completed in time",
                                "command line not completed within "
                                        + properties.commandDeadline().toSeconds() + " s")),
                null) {
            @Override
            public void initChannel(SocketChannel channel) throws Exception {
                super.initChannel(channel);
                channel.pipeline()
                        .replace(
                                HandlerConstants.TIMEOUT_HANDLER,
                                HandlerConstants.TIMEOUT_HANDLER,
                                new IdleLogout(properties.idleTimeout()));
            }

            @Override
            protected ChannelInboundHandlerAdapter createHandler() {
                return new CoreHandler(protocol, encryption);
            }
        };
    }

    /** Sends a last {@code -ERR} and closes, also when the client does not read it. */
    private void endWith(Channel channel, String reply, String reason) {
        ProtocolSession session = (ProtocolSession)
                channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();
        if (session != null) {
            SessionSummary.of(session).closing(reason);
        }
        channel.writeAndFlush(Unpooled.copiedBuffer("-ERR " + reply + "\r\n", StandardCharsets.US_ASCII))
                .addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), LAST_WORDS.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Autologout (RFC 1939 section 3) after the idle timeout without input from the client or progress of
     * output to it, so a slow client reading a large RETR is not cut off.
     */
    private final class IdleLogout extends IdleStateHandler {

        IdleLogout(Duration timeout) {
            super(true, 0, 0, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
            if (evt.state() == io.netty.handler.timeout.IdleState.ALL_IDLE) {
                endWith(ctx.channel(), "Disconnected for inactivity", "Disconnected for inactivity");
            }
        }
    }

    private final class CoreHandler extends BasicChannelInboundHandler {

        private ConnectionLimits.Lease lease;

        CoreHandler(Protocol protocol, Encryption encryption) {
            super(new AddressOnlyMdcContext(), protocol, encryption, false);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            ConnectionLimits.Admission admission = limits.admit(client);
            if (admission.lease().isEmpty()) {
                boolean perAddress = admission.refusal().orElseThrow() == ConnectionLimits.Refusal.PER_ADDRESS;
                String reply = perAddress
                        ? "-ERR [SYS/TEMP] Too many connections from your address, try again later\r\n"
                        : "-ERR [SYS/TEMP] Too many connections, try again later\r\n";
                pop3Log.refused(
                        client.getHostAddress(),
                        perAddress
                                ? "too many connections from this address (" + limits.perAddress() + ")"
                                : "too many connections (" + limits.total() + ")");
                if (!implicitTls()) {
                    ctx.channel().config().setAutoRead(false);
                } // else the handshake must be read for the refusal to go out (inside TLS; reads are dropped below)
                ctx.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.US_ASCII))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            lease = admission.lease().get();
            metrics.activeSessions.incrementAndGet();
            super.channelActive(ctx);
            if (implicitTls()) {
                // POP3S: the session is inside TLS from its first line (the greeting waits for the handshake)
                ProtocolSession session = (ProtocolSession)
                        ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
                if (session != null) {
                    SessionSummary.of(session).tls = true;
                }
            }
        }

        /** A handshake that failed or timed out (the SslHandler closes the channel) says why in the last log line. */
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
                ProtocolSession session = (ProtocolSession)
                        ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
                if (session != null) {
                    SessionSummary.of(session)
                            .closing(ClientFaults.describe(done.cause()).orElse("TLS failed"));
                }
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (lease == null) {
                ctx.fireChannelInactive(); // refused: there is no session to end
                return;
            }
            lease.close();
            metrics.activeSessions.decrementAndGet();
            noteTls(ctx);
            super.channelInactive(ctx);
        }

        /** Before the session ends (SessionTracker): its record names the protocol and cipher suite of its STLS. */
        private void noteTls(ChannelHandlerContext ctx) {
            ProtocolSession session =
                    (ProtocolSession) ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (session == null || ssl == null) {
                return;
            }
            SSLSession tls = ssl.engine().getSession();
            if (tls != null && !"SSL_NULL_WITH_NULL_NULL".equals(tls.getCipherSuite())) {
                SessionSummary.of(session).tlsDescription = tls.getProtocol() + "/" + tls.getCipherSuite();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (lease == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg == CommandLineDecoder.TOO_LONG) {
                POP3Session session =
                        (POP3Session) ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
                Response r = dispatcher.lineTooLong(session);
                ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(r, session);
                return;
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            Optional<String> fault = ClientFaults.describe(cause);
            if (fault.isEmpty()) {
                super.exceptionCaught(ctx, cause); // the server's own: -ERR, close, and a stack trace
                return;
            }
            // the reason goes into the session's last log line (SessionTracker), the one line it gets
            ProtocolSession session =
                    (ProtocolSession) ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
            if (session != null) {
                SessionSummary.of(session).closing(fault.get());
            }
            ctx.close();
        }

        @Override
        protected ProtocolSession createSession(ChannelHandlerContext ctx) {
            ProtocolSession session = protocol.newSession(new Pop3Transport(ctx.channel(), encryption));
            session.setAttachment(HeldReply.CHANNEL, ctx.channel(), ProtocolSession.State.Connection);
            return session;
        }
    }
}
