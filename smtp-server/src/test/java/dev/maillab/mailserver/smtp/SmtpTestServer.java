package dev.maillab.mailserver.smtp;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.PasswdFileUserDirectory;
import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.mailserver.dns.ReverseResolver;
import dev.maillab.mailserver.dns.SystemReverseResolver;
import dev.maillab.mailserver.maildir.InMemoryMailStore;
import dev.maillab.mailserver.maildir.MailRootSpace;
import dev.maillab.mailserver.maildir.MailStore;
import dev.maillab.mailserver.maildir.MaildirMailStore;
import dev.maillab.mailserver.maildir.MaildirProperties;
import dev.maillab.mailserver.tls.ServerTlsContext;
import dev.maillab.mailserver.tls.TlsProperties;
import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The SMTP intake as the application builds it ({@link SmtpServer}, with STARTTLS) on an ephemeral loopback port,
 * over a copy of the sample users file and a temporary mail root: into Maildirs there, or into an
 * {@link InMemoryMailStore} that fails on demand.
 */
public final class SmtpTestServer implements AutoCloseable {

    /** One lab CA and server key store for all tests. */
    public static final TlsProperties TEST_TLS = TestProperties.bind(
            TlsProperties.class,
            Map.of("directory", Path.of("target", "test-tls").toAbsolutePath()));

    final Path mailRoot;
    final PasswdFileUserDirectory users;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SmtpProperties properties;
    final SmtpServer server;
    final DataMemory dataMemory;
    final SmtpSessions sessions;

    /** The defaults, into Maildirs. */
    public SmtpTestServer(Path dir) throws Exception {
        this(dir, Map.of());
    }

    /** @param settings {@code maillab.smtp.*} settings that differ from the defaults, without the prefix */
    public SmtpTestServer(Path dir, Map<String, ?> settings) throws Exception {
        this(dir, settings, new SystemReverseResolver());
    }

    /** Into Maildirs, naming clients through {@code resolver}. */
    public SmtpTestServer(Path dir, Map<String, ?> settings, ReverseResolver resolver) throws Exception {
        this(dir, settings, resolver, null);
    }

    /** Into {@code store}, which says whether there is room. */
    public SmtpTestServer(Path dir, Map<String, ?> settings, InMemoryMailStore store) throws Exception {
        this(dir, settings, new SystemReverseResolver(), store, SmtpObserver.NONE);
    }

    /** Into Maildirs, telling {@code observer} of every session. */
    public SmtpTestServer(Path dir, Map<String, ?> settings, SmtpObserver observer) throws Exception {
        this(dir, settings, new SystemReverseResolver(), null, observer);
    }

    /** Into Maildirs, with these fault rules. */
    public SmtpTestServer(Path dir, Map<String, ?> settings, SmtpFaults faults) throws Exception {
        this(dir, settings, new SystemReverseResolver(), null, SmtpObserver.NONE, faults);
    }

    private SmtpTestServer(Path dir, Map<String, ?> settings, ReverseResolver resolver, InMemoryMailStore memory)
            throws Exception {
        this(dir, settings, resolver, memory, SmtpObserver.NONE);
    }

    private SmtpTestServer(
            Path dir,
            Map<String, ?> settings,
            ReverseResolver resolver,
            InMemoryMailStore memory,
            SmtpObserver observer)
            throws Exception {
        this(dir, settings, resolver, memory, observer, SmtpFaults.NONE);
    }

    private SmtpTestServer(
            Path dir,
            Map<String, ?> settings,
            ReverseResolver resolver,
            InMemoryMailStore memory,
            SmtpObserver observer,
            SmtpFaults faults)
            throws Exception {
        // submission and SMTPS only for the tests that ask for them (port 0)
        Map<String, Object> smtp = new HashMap<>(Map.of("port", 0, "submission-port", -1, "smtps-port", -1));
        smtp.putAll(settings);
        properties = TestProperties.bind(SmtpProperties.class, smtp);
        mailRoot = dir.resolve("mail");
        Path usersFile = Files.createDirectories(dir).resolve("users");
        Files.copy(Path.of("../config/users"), usersFile);
        UsersProperties usersProperties =
                TestProperties.bind(UsersProperties.class, Map.of("file", usersFile, "mail-root", mailRoot));
        users = new PasswdFileUserDirectory(usersProperties);
        MailStore store;
        LongPredicate room;
        if (memory != null) {
            store = memory;
            room = memory::hasRoomFor;
        } else {
            MaildirProperties maildir = TestProperties.defaults(MaildirProperties.class);
            store = new MaildirMailStore(maildir);
            room = new MailRootSpace(usersProperties, maildir)::hasRoomFor;
        }
        server = new SmtpServer(
                properties,
                SmtpServer.Parts.of(users, store, room, resolver, registry)
                        .withTls(ServerTlsContext.create(TEST_TLS, properties.hostname()))
                        .withObserver(observer)
                        .withFaults(faults));
        dataMemory = server.dataMemory();
        sessions = server.sessions();
        server.start();
    }

    /** The server's meters. */
    public SimpleMeterRegistry registry() {
        return registry;
    }

    public int port() {
        return server.port();
    }

    public SmtpConnection connect() throws IOException {
        return new SmtpConnection("127.0.0.1", port());
    }

    /** The bound port of that listener, -1 when it has none. */
    public int port(SmtpService service) {
        return server.port(service);
    }

    /** A plain connection to that listener (for SMTPS: before the handshake the test does itself). */
    public SmtpConnection connect(SmtpService service) throws IOException {
        return new SmtpConnection("127.0.0.1", port(service));
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

    /** True when no session holds anything: connection slots, session state, DATA memory, deadline entries. */
    boolean holdsNothing() {
        return dataMemory.inUse() == 0
                && sessions.open() == 0
                && sessions.limits().open() == 0
                && server.watchedConnections() == 0;
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
