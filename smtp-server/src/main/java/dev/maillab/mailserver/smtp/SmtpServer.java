package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.UserDirectory;
import dev.maillab.mailserver.dns.ReverseResolver;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.net.ConnectionLimits;
import dev.maillab.mailserver.smtp.command.AuthCommand;
import dev.maillab.mailserver.smtp.command.DataCommand;
import dev.maillab.mailserver.smtp.command.EhloCommand;
import dev.maillab.mailserver.smtp.command.HeloCommand;
import dev.maillab.mailserver.smtp.command.HelpCommand;
import dev.maillab.mailserver.smtp.command.MailCommand;
import dev.maillab.mailserver.smtp.command.NotImplementedCommand;
import dev.maillab.mailserver.smtp.command.RcptCommand;
import dev.maillab.mailserver.smtp.command.RefusedLineCommand;
import dev.maillab.mailserver.smtp.command.StartTlsCommand;
import dev.maillab.mailserver.smtp.connection.ConnectionServerSocket;
import dev.maillab.mailserver.smtp.connection.ReadDeadlines;
import dev.maillab.mailserver.tls.StartTlsSockets;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP intake: the SubEtha listener with this project's commands, sessions, limits and message handling, wired
 * here from the settings and what the intake needs from the rest of the service. The application
 * ({@link SmtpConfiguration}) and the tests build it the same way: construct it, then {@link #start()}.
 */
public final class SmtpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    private final SMTPServer server;
    private final SmtpProperties properties;
    private final ReadDeadlines deadlines;
    private final SmtpSessions sessions;
    private final DataMemory dataMemory;

    /**
     * @param store       where accepted messages go
     * @param storageRoom whether the store has room for a message ({@link MessageIntake.Services#storageRoom})
     * @param resolver    client names for logs and Received headers
     * @param tls         the STARTTLS context, null for none
     */
    public SmtpServer(
            SmtpProperties properties,
            UserDirectory users,
            MailStore store,
            LongPredicate storageRoom,
            ReverseResolver resolver,
            MeterRegistry registry,
            SSLContext tls) {
        this(properties, users, store, storageRoom, resolver, registry, tls, SmtpObserver.NONE);
    }

    /** @param observer what hears of each session, its conversation and its deliveries */
    public SmtpServer(
            SmtpProperties properties,
            UserDirectory users,
            MailStore store,
            LongPredicate storageRoom,
            ReverseResolver resolver,
            MeterRegistry registry,
            SSLContext tls,
            SmtpObserver observer) {
        this(properties, users, store, storageRoom, resolver, registry, tls, observer, Outbound.NONE);
    }

    /** @param outbound the lab's other domains and the queue their mail goes to ({@link Outbound#NONE}: no relay) */
    public SmtpServer(
            SmtpProperties properties,
            UserDirectory users,
            MailStore store,
            LongPredicate storageRoom,
            ReverseResolver resolver,
            MeterRegistry registry,
            SSLContext tls,
            SmtpObserver observer,
            Outbound outbound) {
        this.properties = properties;
        this.deadlines = new ReadDeadlines(properties.connectionSettings());
        MailLog mailLog = new MailLog();
        SmtpMetrics metrics = new SmtpMetrics(registry);
        this.sessions = new SmtpSessions(
                resolver,
                mailLog,
                metrics,
                new ConnectionLimits(properties.maxConnections(), properties.maxConnectionsPerClient()),
                properties.hostname(),
                observer);
        this.dataMemory = new DataMemory(properties.dataMemory().toBytes());
        metrics.dataMemory(dataMemory);
        MessageIntake.Services services = new MessageIntake.Services(
                properties,
                new RecipientPolicy(properties, users, outbound),
                store,
                mailLog,
                metrics,
                new QueueIds(),
                dataMemory,
                storageRoom,
                outbound);
        MessageIntakeFactory intake = new MessageIntakeFactory(sessions, services);
        UsernamePasswordValidator passwords = (user, password, context) -> {
            if (users.authenticate(user, password).isEmpty()) {
                throw new LoginFailedException();
            }
        };
        SMTPServer.Builder builder = SMTPServer.port(properties.port())
                .bindAddress(address(properties.address()))
                .hostName(properties.hostname())
                .softwareName("maillab")
                .messageHandlerFactory(intake)
                .sessionHandler(sessions)
                .maxMessageSize(properties.maxMessageSize())
                .maxRecipients(properties.maxRecipients())
                .maxConnections(properties.maxConnections())
                // every connection's streams vet command lines and keep its deadlines (see CommandInput)
                .serverSocketFactory(() -> new ConnectionServerSocket(properties.connectionSettings(), deadlines))
                .connectionTimeout((int) properties.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .insertReceivedHeaders(false)
                .authenticationHandlerFactory(new MultipleAuthenticationHandlerFactory(List.of(
                        new PlainAuthenticationHandlerFactory(passwords),
                        new LoginAuthenticationHandlerFactory(passwords))));
        if (tls != null) {
            builder.enableTLS().startTlsSocketFactory(new StartTlsSockets(tls));
        }
        this.server = builder.build();
        CommandHandler commands = server.getCommandHandler();
        commands.addCommand(new EhloCommand(properties, sessions));
        commands.addCommand(new HeloCommand(properties.hostname(), sessions));
        commands.addCommand(new MailCommand(properties, metrics));
        commands.addCommand(new RcptCommand(metrics));
        commands.addCommand(new DataCommand(metrics, properties.hostname(), sessions, mailLog));
        RefusedLineCommand refused = new RefusedLineCommand(properties.hostname(), sessions, metrics, mailLog);
        commands.addCommand(refused);
        commands.addCommand(new AuthCommand(
                sessions,
                metrics,
                mailLog,
                refused,
                properties.hostname(),
                properties.authFailureDelay(),
                properties.maxAuthFailures()));
        commands.addCommand(new StartTlsCommand(sessions, mailLog));
        commands.addCommand(new HelpCommand());
        commands.addCommand(new NotImplementedCommand("BDAT"));
    }

    private static InetAddress address(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("maillab.smtp.address: " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        server.start();
        log.info(
                "SMTP listening on {}:{} as {} for {}",
                properties.address(),
                port(),
                properties.hostname(),
                properties.domains());
    }

    @Override
    public void stop() {
        server.stop();
        deadlines.close();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    /** The bound port (the configured one, or the one the system picked for port 0). */
    public int port() {
        return server.getPortAllocated();
    }

    /** Connections whose deadlines are being watched: one per open connection. */
    public int watchedConnections() {
        return deadlines.watched();
    }

    public String address() {
        return properties.address();
    }

    /** The sessions open now and their connection slots. */
    SmtpSessions sessions() {
        return sessions;
    }

    /** The heap that messages being received hold. */
    DataMemory dataMemory() {
        return dataMemory;
    }
}
