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
import dev.maillab.mailserver.smtp.command.TlsRequiredCommand;
import dev.maillab.mailserver.smtp.connection.ConnectionServerSocket;
import dev.maillab.mailserver.smtp.connection.ReadDeadlines;
import dev.maillab.mailserver.tls.StartTlsSockets;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * The SMTP intake: SubEtha listeners with this project's commands, sessions, limits and message handling, wired here
 * from the settings and what the intake needs from the rest of the service. One intake (sessions and their limits,
 * DATA memory, queue ids, deliveries, the mail log, metrics, deadlines) serves every listener ({@link SmtpService}):
 * port 25's, and, with TLS, submission's (587) and SMTPS's (465), which differ only in what they require before
 * MAIL. The application ({@link SmtpConfiguration}) and the tests build it the same way: construct it, then
 * {@link #start()}.
 */
public final class SmtpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    /** One SubEtha server: a listening socket and its command set. */
    private record Listener(SmtpService service, SMTPServer server) {}

    private final Map<SmtpService, Listener> listeners = new EnumMap<>(SmtpService.class);
    private final SmtpProperties properties;
    private final ReadDeadlines deadlines;
    private final SmtpSessions sessions;
    private final DataMemory dataMemory;
    private final SmtpMetrics metrics;
    private final MessageIntakeFactory intake;
    private final AuthenticationHandlerFactory auth;
    private final SSLContext tls;
    private final FaultReplies faults;

    /**
     * What the intake needs from the rest of the service. {@link #of} names the parts every server has; TLS, an
     * observer and an outbound are optional ({@code with...}).
     *
     * @param store       where accepted messages go
     * @param storageRoom whether the store has room for a message ({@link MessageIntake.Services#storageRoom})
     * @param resolver    client names for logs and Received headers
     * @param tls         the STARTTLS and SMTPS context, null for none (and then no submission or SMTPS listener)
     * @param observer    what hears of each session, its conversation and its deliveries
     * @param outbound    the lab's other domains and the queue their mail goes to ({@link Outbound#NONE}: no relay)
     * @param faults      replies given on purpose ({@link SmtpFaults#NONE}: none)
     * @param senderAuthentication DKIM signing of what leaves, SPF/DKIM/DMARC of what is delivered here
     */
    public record Parts(
            UserDirectory users,
            MailStore store,
            LongPredicate storageRoom,
            ReverseResolver resolver,
            MeterRegistry registry,
            SSLContext tls,
            SmtpObserver observer,
            Outbound outbound,
            SmtpFaults faults,
            SenderAuthentication senderAuthentication) {

        /** Without TLS, observer, outbound or sender authentication. */
        public static Parts of(
                UserDirectory users,
                MailStore store,
                LongPredicate storageRoom,
                ReverseResolver resolver,
                MeterRegistry registry) {
            return new Parts(
                    users,
                    store,
                    storageRoom,
                    resolver,
                    registry,
                    null,
                    SmtpObserver.NONE,
                    Outbound.NONE,
                    SmtpFaults.NONE,
                    SenderAuthentication.NONE);
        }

        public Parts withTls(SSLContext tls) {
            return new Parts(
                    users,
                    store,
                    storageRoom,
                    resolver,
                    registry,
                    tls,
                    observer,
                    outbound,
                    faults,
                    senderAuthentication);
        }

        public Parts withObserver(SmtpObserver observer) {
            return new Parts(
                    users,
                    store,
                    storageRoom,
                    resolver,
                    registry,
                    tls,
                    observer,
                    outbound,
                    faults,
                    senderAuthentication);
        }

        public Parts withOutbound(Outbound outbound) {
            return new Parts(
                    users,
                    store,
                    storageRoom,
                    resolver,
                    registry,
                    tls,
                    observer,
                    outbound,
                    faults,
                    senderAuthentication);
        }

        public Parts withFaults(SmtpFaults faults) {
            return new Parts(
                    users,
                    store,
                    storageRoom,
                    resolver,
                    registry,
                    tls,
                    observer,
                    outbound,
                    faults,
                    senderAuthentication);
        }

        public Parts withSenderAuthentication(SenderAuthentication senderAuthentication) {
            return new Parts(
                    users,
                    store,
                    storageRoom,
                    resolver,
                    registry,
                    tls,
                    observer,
                    outbound,
                    faults,
                    senderAuthentication);
        }
    }

    public SmtpServer(SmtpProperties properties, Parts parts) {
        UserDirectory users = parts.users();
        Outbound outbound = parts.outbound();
        this.properties = properties;
        this.tls = parts.tls();
        this.deadlines = new ReadDeadlines(properties.connectionSettings());
        MailLog mailLog = new MailLog(); // cleanup's, qmgr's and local's lines; each listener has its smtpd's
        this.metrics = new SmtpMetrics(parts.registry());
        this.sessions = new SmtpSessions(
                parts.resolver(),
                metrics,
                new ConnectionLimits(properties.maxConnections(), properties.maxConnectionsPerClient()),
                properties.hostname(),
                parts.observer());
        this.faults = new FaultReplies(parts.faults(), sessions, metrics);
        sessions.faults(faults);
        this.dataMemory = new DataMemory(properties.dataMemory().toBytes());
        metrics.dataMemory(dataMemory);
        MessageIntake.Services services = new MessageIntake.Services(
                properties,
                new RecipientPolicy(properties, users, outbound),
                parts.store(),
                mailLog,
                metrics,
                new QueueIds(),
                dataMemory,
                parts.storageRoom(),
                outbound,
                parts.senderAuthentication());
        this.intake = new MessageIntakeFactory(sessions, services);
        UsernamePasswordValidator passwords = (user, password, context) -> {
            if (users.authenticate(user, password).isEmpty()) {
                throw new LoginFailedException();
            }
        };
        this.auth = new MultipleAuthenticationHandlerFactory(List.of(
                new PlainAuthenticationHandlerFactory(passwords), new LoginAuthenticationHandlerFactory(passwords)));
        listen(SmtpService.SMTP, properties.port());
        if (tls != null) {
            if (properties.submissionPort() >= 0) {
                listen(SmtpService.SUBMISSION, properties.submissionPort());
            }
            if (properties.smtpsPort() >= 0) {
                listen(SmtpService.SMTPS, properties.smtpsPort());
            }
        } else if (properties.submissionPort() >= 0 || properties.smtpsPort() >= 0) {
            log.info("SMTP submission and SMTPS are off: they require TLS (maillab.tls.enabled=false)");
        }
    }

    /** One listener of the intake: its socket, its sessions marked with {@code service}, the commands it needs. */
    private void listen(SmtpService service, int port) {
        SSLSocketCreator implicitTls = service.implicitTls() ? new StartTlsSockets(tls) : null;
        SMTPServer.Builder builder = SMTPServer.port(port)
                .bindAddress(address(properties.address()))
                .hostName(properties.hostname())
                .softwareName("maillab")
                .messageHandlerFactory(intake)
                .sessionHandler(sessions.of(service))
                .maxMessageSize(properties.maxMessageSize())
                .maxRecipients(properties.maxRecipients())
                .maxConnections(properties.maxConnections())
                // every connection's streams vet command lines and keep its deadlines (see CommandInput)
                .serverSocketFactory(
                        () -> new ConnectionServerSocket(properties.connectionSettings(), deadlines, implicitTls))
                .connectionTimeout((int) properties.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .insertReceivedHeaders(false)
                .authenticationHandlerFactory(auth);
        if (tls != null) {
            builder.enableTLS().startTlsSocketFactory(new StartTlsSockets(tls));
        }
        SMTPServer server = builder.build();
        MailLog smtpd = sessions.log(service);
        CommandHandler commands = server.getCommandHandler();
        commands.addCommand(new EhloCommand(properties, sessions, faults));
        commands.addCommand(new HeloCommand(properties.hostname(), sessions, faults));
        commands.addCommand(new MailCommand(properties, metrics, faults));
        commands.addCommand(new RcptCommand(metrics, faults));
        commands.addCommand(new DataCommand(metrics, properties.hostname(), sessions, smtpd, faults));
        RefusedLineCommand refused = new RefusedLineCommand(properties.hostname(), sessions, metrics, smtpd);
        commands.addCommand(refused);
        commands.addCommand(new AuthCommand(
                sessions,
                metrics,
                smtpd,
                refused,
                properties.hostname(),
                properties.authFailureDelay(),
                properties.maxAuthFailures(),
                faults));
        commands.addCommand(new StartTlsCommand(sessions, smtpd));
        commands.addCommand(new HelpCommand());
        commands.addCommand(new NotImplementedCommand("BDAT"));
        if (service.tlsRequired()) {
            TlsRequiredCommand.requireTls(commands, metrics);
        }
        listeners.put(service, new Listener(service, server));
    }

    private static InetAddress address(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("maillab.smtp.address: " + e.getMessage(), e);
        }
    }

    /** Every listener, or none: one that cannot bind stops those already started. */
    @Override
    public void start() {
        List<Listener> started = new ArrayList<>();
        try {
            for (Listener listener : listeners.values()) {
                listener.server().start();
                started.add(listener);
            }
        } catch (RuntimeException e) {
            started.forEach(l -> l.server().stop());
            throw e;
        }
        log.info(
                "SMTP listening on {}:{} as {} for {}",
                properties.address(),
                port(),
                properties.hostname(),
                properties.domains());
        if (listeners.containsKey(SmtpService.SUBMISSION)) {
            log.info(
                    "SMTP submission listening on {}:{} (STARTTLS, then AUTH, before MAIL)",
                    properties.address(),
                    port(SmtpService.SUBMISSION));
        }
        if (listeners.containsKey(SmtpService.SMTPS)) {
            log.info(
                    "SMTPS listening on {}:{} (TLS from connect, then AUTH, before MAIL)",
                    properties.address(),
                    port(SmtpService.SMTPS));
        }
    }

    @Override
    public void stop() {
        listeners.values().forEach(l -> l.server().stop());
        deadlines.close();
    }

    @Override
    public boolean isRunning() {
        return listeners.values().stream().allMatch(l -> l.server().isRunning());
    }

    /** The bound port of port 25's listener (the configured one, or the one the system picked for port 0). */
    public int port() {
        return port(SmtpService.SMTP);
    }

    /** The bound port of that listener, -1 when there is none (its port -1, or no TLS). */
    public int port(SmtpService service) {
        Listener listener = listeners.get(service);
        return listener == null ? -1 : listener.server().getPortAllocated();
    }

    /** The listeners there are, in the order of {@link SmtpService}. */
    public Set<SmtpService> services() {
        return Collections.unmodifiableSet(listeners.keySet());
    }

    /** Whether that listener accepts connections. */
    public boolean isRunning(SmtpService service) {
        Listener listener = listeners.get(service);
        return listener != null && listener.server().isRunning();
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
