package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.PasswdFileUserDirectory;
import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.mailserver.dns.ReverseResolver;
import dev.maillab.mailserver.dns.SystemReverseResolver;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.maildir.MaildirMailStore;
import dev.maillab.mailserver.maildir.MaildirProperties;
import dev.maillab.mailserver.net.ConnectionLimits;
import dev.maillab.mailserver.tls.TlsConfiguration;
import dev.maillab.mailserver.tls.TlsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.springframework.util.unit.DataSize;

/**
 * The real SMTP intake (SubEtha, the project's passwd-file users, Maildir store) on an ephemeral
 * loopback port, over a copy of the sample users file and a temporary mail root.
 */
public final class SmtpTestServer implements AutoCloseable {

    /** One lab CA and server key store for all tests. */
    public static final TlsProperties TEST_TLS =
            TlsProperties.in(Path.of("target", "test-tls").toAbsolutePath());

    final Path mailRoot;
    final PasswdFileUserDirectory users;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SmtpServer server;
    final SmtpProperties properties;
    final DataMemory dataMemory;
    final SmtpSessions sessions;

    public static SmtpProperties props(int maxMessageSize, int maxRecipients, int maxConnections, Duration idle) {
        return props(maxMessageSize, maxRecipients, maxConnections, idle, DataSize.ofMegabytes(48));
    }

    public static SmtpProperties props(
            int maxMessageSize, int maxRecipients, int maxConnections, Duration idle, DataSize dataMemory) {
        Props p = new Props();
        p.maxMessageSize = maxMessageSize;
        p.maxRecipients = maxRecipients;
        p.maxConnections = maxConnections;
        p.idleTimeout = idle;
        p.dataMemory = dataMemory;
        return p.build();
    }

    public static SmtpProperties defaults() {
        return new Props().build();
    }

    /** The properties with the production defaults, each one settable. */
    public static final class Props {
        public int maxMessageSize = 10_240_000;
        public int maxRecipients = 100;
        public int maxConnections = 100;
        public int maxConnectionsPerClient = 20;
        public Duration idleTimeout = Duration.ofMinutes(5);
        public Duration commandTimeout = Duration.ofSeconds(60);
        public Duration dataTimeout = Duration.ofMinutes(10);
        public Duration dataBlockTimeout = Duration.ofMinutes(3);
        public int maxCommandLine = 512;
        public int maxErrors = 20;
        public Duration authFailureDelay = Duration.ofSeconds(1);
        public int maxAuthFailures = 3;
        public DataSize dataMemory = DataSize.ofMegabytes(48);

        public SmtpProperties build() {
            return new SmtpProperties(
                    "127.0.0.1",
                    0,
                    "mail.example.local",
                    List.of("example.local"),
                    "",
                    maxMessageSize,
                    maxRecipients,
                    maxConnections,
                    maxConnectionsPerClient,
                    idleTimeout,
                    commandTimeout,
                    dataTimeout,
                    dataBlockTimeout,
                    maxCommandLine,
                    maxErrors,
                    authFailureDelay,
                    maxAuthFailures,
                    dataMemory,
                    new SmtpProperties.ReverseLookup(Duration.ofSeconds(2), Duration.ofSeconds(60)),
                    new SmtpProperties.Tls(true));
        }
    }

    public SmtpTestServer(Path dir) throws Exception {
        this(dir, defaults(), new SystemReverseResolver(), null);
    }

    public SmtpTestServer(Path dir, SmtpProperties properties) throws Exception {
        this(dir, properties, new SystemReverseResolver(), null);
    }

    /** @param store null for the real Maildir store */
    public SmtpTestServer(Path dir, SmtpProperties properties, ReverseResolver resolver, MailStore store)
            throws Exception {
        this.properties = properties;
        mailRoot = dir.resolve("mail");
        Path usersFile = Files.createDirectories(dir).resolve("users");
        Files.copy(Path.of("../config/users"), usersFile);
        users = new PasswdFileUserDirectory(new UsersProperties(usersFile, null, mailRoot));
        MailStore mailStore = store != null ? store : new MaildirMailStore(MaildirProperties.defaults());
        MailLog log = new MailLog();
        SmtpMetrics metrics = new SmtpMetrics(registry);
        sessions = new SmtpSessions(
                resolver,
                log,
                metrics,
                new ConnectionLimits(properties.maxConnections(), properties.maxConnectionsPerClient()),
                properties.hostname());
        dataMemory = new DataMemory(properties.dataMemory().toBytes());
        metrics.dataMemory(dataMemory);
        MessageIntake.Services services = new MessageIntake.Services(
                properties,
                new RecipientPolicy(properties, users),
                mailStore,
                log,
                metrics,
                new QueueIds(),
                dataMemory);
        SSLContext tls = TlsConfiguration.serverContext(TEST_TLS, properties.hostname());
        server = new SmtpServer(
                properties, users, sessions, new MessageIntakeFactory(sessions, services), metrics, log, tls);
        server.start();
    }

    public int port() {
        return server.port();
    }

    public SmtpConnection connect() throws IOException {
        return new SmtpConnection("127.0.0.1", port());
    }

    MailUser user(String name) {
        return users.find(name).orElseThrow();
    }

    /** The messages in the user's new/, oldest first, as text. */
    public List<String> messages(String user) throws IOException {
        Path dir = mailRoot.resolve(user).resolve("Maildir").resolve("new");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                out.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        server.stop();
    }
}
