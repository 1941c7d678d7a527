package dev.maillab.mailserver.pop3;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.maildir.MaildropStore;
import dev.maillab.mailserver.net.ConnectionLimits;
import dev.maillab.mailserver.pop3.command.ApopCommand;
import dev.maillab.mailserver.pop3.command.AuthCommand;
import dev.maillab.mailserver.pop3.command.CapaCommand;
import dev.maillab.mailserver.pop3.command.DeleCommand;
import dev.maillab.mailserver.pop3.command.Greeting;
import dev.maillab.mailserver.pop3.command.Login;
import dev.maillab.mailserver.pop3.command.PassCommand;
import dev.maillab.mailserver.pop3.command.QuitCommand;
import dev.maillab.mailserver.pop3.command.RetrCommand;
import dev.maillab.mailserver.pop3.command.StlsCommand;
import dev.maillab.mailserver.pop3.command.TopCommand;
import dev.maillab.mailserver.pop3.command.UserCommand;
import dev.maillab.mailserver.pop3.james.HandshakeDeadline;
import dev.maillab.mailserver.pop3.james.HeldReply;
import dev.maillab.mailserver.pop3.james.NoTimingMetricFactory;
import dev.maillab.mailserver.pop3.james.Pop3CommandDispatcher;
import dev.maillab.mailserver.pop3.james.Pop3NettyServer;
import dev.maillab.mailserver.pop3.policy.AuthFailurePenalty;
import dev.maillab.mailserver.pop3.policy.MaildropLocks;
import dev.maillab.mailserver.pop3.policy.PasswordCheckThreads;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolConfiguration;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.pop3.POP3Protocol;
import org.apache.james.protocols.pop3.core.ListCmdHandler;
import org.apache.james.protocols.pop3.core.NoopCmdHandler;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;
import org.apache.james.protocols.pop3.core.StatCmdHandler;
import org.apache.james.protocols.pop3.core.UidlCmdHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The POP3 service (RFC 1939 with CAPA, UIDL, TOP, STLS, AUTH PLAIN and optionally APOP) on James' protocol handlers, reading mail
 * through {@link MaildropStore}; with TLS also POP3S (RFC 8314: the same session inside TLS from connect, without
 * STLS), on a second listener sharing the protocol, the connection slots and the metrics. Runs without Spring too:
 * construct it and call {@link #start()}.
 */
public class Pop3Server implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Pop3Server.class);

    private final Pop3Properties properties;
    private final Pop3NettyServer server;
    /** POP3S (implicit TLS), or null. */
    private final Pop3NettyServer pop3s;

    private volatile boolean running;

    public Pop3Server(
            Pop3Properties properties,
            UserDirectory users,
            MaildropStore store,
            MeterRegistry registry,
            SSLContext tls) {
        this(properties, users, store, registry, tls, Pop3Observer.NONE);
    }

    /** @param observer what hears of each session and its commands */
    public Pop3Server(
            Pop3Properties properties,
            UserDirectory users,
            MaildropStore store,
            MeterRegistry registry,
            SSLContext tls,
            Pop3Observer observer) {
        this.properties = properties;
        Pop3Metrics metrics = new Pop3Metrics(registry);
        Pop3Log pop3Log = new Pop3Log();
        MetricFactory timers = new NoTimingMetricFactory();
        AuthFailurePenalty penalty = new AuthFailurePenalty(
                properties.authFailureDelay(), properties.authFailureDelayMax(), properties.authFailureForget());
        MaildropLocks locks = properties.lockSession() ? new MaildropLocks() : null;
        Login login =
                new Login(store, penalty, new HeldReply(), locks, metrics, PasswordCheckThreads.create(), pop3Log);
        AuthCommand auth = new AuthCommand(users, login);

        Pop3CommandDispatcher dispatcher = new Pop3CommandDispatcher(auth, properties.maxLineLength());
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
        chain.add(dispatcher);
        chain.add(new SessionTracker(metrics, pop3Log, observer));
        chain.add(new Greeting(properties.hostname(), properties.apop()));
        chain.add(new CapaCommand(tls != null));
        chain.add(new UserCommand());
        chain.add(new PassCommand(users, login));
        if (properties.apop()) {
            chain.add(new ApopCommand(users, login));
        }
        chain.add(auth);
        chain.add(new StatCmdHandler(timers));
        chain.add(new ListCmdHandler(timers));
        chain.add(new UidlCmdHandler(timers));
        chain.add(new RetrCommand(metrics, pop3Log));
        chain.add(new TopCommand(pop3Log));
        chain.add(new DeleCommand(pop3Log));
        chain.add(new RsetCmdHandler(timers));
        chain.add(new NoopCmdHandler(timers));
        chain.add(new QuitCommand());
        if (tls != null) {
            chain.add(new StlsCommand());
        }
        // no handler for unknown commands: the dispatcher answers them with their name
        try {
            chain.wireExtensibleHandlers();
        } catch (WiringException e) {
            throw new IllegalStateException("POP3 handler chain", e);
        }

        String hostname = properties.hostname();
        ProtocolConfiguration config = new ProtocolConfiguration() {
            @Override
            public String getHelloName() {
                return hostname;
            }

            @Override
            public String getGreeting() {
                return null;
            }

            @Override
            public String getSoftwareName() {
                return "maillab";
            }
        };
        // one protocol, one set of connection slots and one handshake deadline for both listeners
        POP3Protocol protocol = new POP3Protocol(chain, config);
        ConnectionLimits limits =
                new ConnectionLimits(properties.maxConnections(), properties.maxConnectionsPerClient());
        Encryption stls = tls == null
                ? null
                : new HandshakeDeadline(Encryption.createStartTls(tls), properties.commandDeadline());
        server = listener(
                new Pop3NettyServer(protocol, stls, properties, dispatcher, metrics, pop3Log, limits),
                properties.port());
        if (tls != null && properties.pop3sPort() >= 0) {
            Encryption implicit = new HandshakeDeadline(Encryption.createTls(tls), properties.commandDeadline());
            pop3s = listener(
                    new Pop3NettyServer(protocol, implicit, properties, dispatcher, metrics, pop3Log, limits),
                    properties.pop3sPort());
        } else {
            if (properties.pop3sPort() >= 0) {
                log.info("POP3S is off: it requires TLS (maillab.tls.enabled=false)");
            }
            pop3s = null;
        }
    }

    private Pop3NettyServer listener(Pop3NettyServer netty, int port) {
        netty.setListenAddresses(new InetSocketAddress(properties.address(), port));
        netty.setGracefulShutdown(false);
        return netty;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            server.bind();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "POP3 cannot listen on " + properties.address() + ":" + properties.port(), e);
        }
        if (pop3s != null) {
            try {
                pop3s.bind();
            } catch (Exception e) {
                server.unbind();
                throw new IllegalStateException(
                        "POP3S cannot listen on " + properties.address() + ":" + properties.pop3sPort(), e);
            }
        }
        running = true;
        log.info(
                "POP3 listening on {} (lock-session={}, max-connections={}, max-connections-per-client={},"
                        + " idle-timeout={}, command-deadline={}, max-line-length={}, apop={})",
                server.getListenAddresses(),
                properties.lockSession(),
                properties.maxConnections(),
                properties.maxConnectionsPerClient(),
                properties.idleTimeout(),
                properties.commandDeadline(),
                properties.maxLineLength(),
                properties.apop());
        if (pop3s != null) {
            log.info("POP3S listening on {} (TLS from connect)", pop3s.getListenAddresses());
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            server.unbind();
            if (pop3s != null) {
                pop3s.unbind();
            }
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return port(server);
    }

    /** The POP3S listener's bound port, -1 when there is none (its port -1, or no TLS). */
    public int pop3sPort() {
        return pop3s == null ? -1 : port(pop3s);
    }

    private static int port(Pop3NettyServer netty) {
        List<InetSocketAddress> addresses = netty.getListenAddresses();
        return addresses.isEmpty() ? -1 : addresses.get(0).getPort();
    }
}
