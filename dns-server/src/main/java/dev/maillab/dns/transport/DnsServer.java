package dev.maillab.dns.transport;

import dev.maillab.dns.query.QueryProcessor;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP and TCP listeners on one address and port. Under epoll several UDP sockets share the port
 * (SO_REUSEPORT): the kernel spreads queries over them and each has its own thread, so answering scales with cores.
 */
public final class DnsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    private static final int BIND_ATTEMPTS = 10;
    /**
     * Datagrams read per recvmmsg call: under load a wake-up finds dozens queued, and 64 instead of 16 took ~15 %
     * more queries per second from dnsperf on two cores (fewer wake-ups and system calls per query).
     */
    private static final int DATAGRAMS_PER_READ = 64;

    private static final int SOCKET_BUFFER = 4 << 20;

    private final TransportSettings settings;
    private final QueryProcessor processor;
    private final AnswerListener answers;
    private final NettyTransport transport = NettyTransport.best();
    private final List<Channel> channels = new ArrayList<>();
    private final TcpConnectionLimits limits;
    private EventLoopGroup udpGroup;
    private EventLoopGroup tcpGroup;
    private volatile int port = -1;

    public DnsServer(TransportSettings settings, QueryProcessor processor) {
        this(settings, processor, AnswerListener.NONE);
    }

    /** @param answers told of every answer sent */
    public DnsServer(TransportSettings settings, QueryProcessor processor, AnswerListener answers) {
        this.settings = settings;
        this.processor = processor;
        this.answers = answers;
        this.limits = new TcpConnectionLimits(settings.tcpMaxConnections(), settings.tcpMaxConnectionsPerClient());
    }

    /** Closes a connection over a limit: one WARN when a client (or everyone) reaches it, DEBUG for the rest. */
    private static void refuse(SocketChannel channel, InetAddress client, TcpConnectionLimits.Admission admission) {
        String why = admission.verdict() == TcpConnectionLimits.Verdict.PER_CLIENT
                ? "holds its maximum of TCP connections"
                : "finds every TCP connection slot taken";
        if (admission.first()) {
            log.warn("tcp {}: {}; closing this and further ones until a slot frees", client.getHostAddress(), why);
        } else {
            log.debug("tcp {}: {}; closing", client.getHostAddress(), why);
        }
        channel.close();
    }

    /** Binds UDP and TCP; with port 0 both get the same free port. Throws when the port is taken. */
    public synchronized DnsServer start() throws InterruptedException {
        int udpSockets = transport == NettyTransport.EPOLL ? settings.effectiveUdpSockets() : 1;
        udpGroup = transport.group(udpSockets, "dns-udp");
        tcpGroup = transport.group(1, "dns-tcp");
        Exception last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            try {
                bind(udpSockets);
                last = null;
                break;
            } catch (InterruptedException e) {
                close();
                throw e;
            } catch (Exception e) {
                // Netty's sync() rethrows the bind's IOException unchecked-style ("Address already in use" when
                // another process took the free UDP port's TCP twin), so every exception counts as a failed try
                closeChannels();
                last = e;
                if (settings.port() != 0) {
                    break; // a fixed port that is taken stays taken: say so
                }
            }
        }
        if (last != null) {
            close();
            throw new IllegalStateException(
                    "cannot listen on " + settings.address().getHostAddress() + ":" + settings.port() + ": "
                            + last.getMessage(),
                    last);
        }
        log.info(
                "DNS listening on {}:{} udp+tcp ({}, {} udp socket{})",
                settings.address().getHostAddress(),
                port,
                transport.name().toLowerCase(java.util.Locale.ROOT),
                udpSockets,
                udpSockets == 1 ? "" : "s");
        return this;
    }

    private void bind(int udpSockets) throws InterruptedException {
        Bootstrap udp = new Bootstrap()
                .group(udpGroup)
                .channel(transport.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new UdpQueryHandler(processor, settings.maxMessageSize(), answers));
                    }
                });
        if (transport == NettyTransport.EPOLL) {
            udp.option(EpollChannelOption.SO_REUSEPORT, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, settings.maxMessageSize())
                    // each read takes a DATAGRAMS_PER_READ × max-message-size buffer (256 KiB), beyond what the
                    // adaptive allocator pools: it would allocate and free direct memory per read
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(
                            ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(settings.maxMessageSize() * DATAGRAMS_PER_READ));
        } else {
            udp.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(settings.maxMessageSize()));
        }
        int bindPort = settings.port();
        for (int i = 0; i < udpSockets; i++) {
            Channel channel = udp.bind(settings.address(), bindPort).sync().channel();
            channels.add(channel);
            bindPort = ((InetSocketAddress) channel.localAddress()).getPort();
        }
        ServerBootstrap tcp = new ServerBootstrap()
                .group(tcpGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        InetAddress client = channel.remoteAddress().getAddress();
                        TcpConnectionLimits.Admission admission = limits.admit(client);
                        if (admission.verdict() != TcpConnectionLimits.Verdict.ADMITTED) {
                            refuse(channel, client, admission);
                            return;
                        }
                        channel.closeFuture().addListener(f -> limits.release(client));
                        // The idle handler sits after the frame decoder, so it sees whole queries only: a client
                        // that trickles a byte now and then without completing a message is still idle.
                        channel.pipeline()
                                .addLast(new LengthFieldBasedFrameDecoder(settings.maxMessageSize(), 0, 2, 0, 2))
                                .addLast(new IdleStateHandler(
                                        settings.tcpIdleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new LengthFieldPrepender(2))
                                .addLast(new TcpQueryHandler(processor, answers));
                    }
                });
        channels.add(tcp.bind(settings.address(), bindPort).sync().channel());
        port = bindPort;
    }

    /** The port both transports listen on (the real one when 0 was asked for). */
    public int port() {
        return port;
    }

    public boolean isListening() {
        return port >= 0 && !channels.isEmpty() && channels.stream().allMatch(Channel::isActive);
    }

    /** Open TCP connections right now. */
    public int tcpConnections() {
        return limits.open();
    }

    private void closeChannels() {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly();
        }
        channels.clear();
    }

    @Override
    public synchronized void close() {
        closeChannels();
        port = -1;
        for (EventLoopGroup group : new EventLoopGroup[] {udpGroup, tcpGroup}) {
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }
}
