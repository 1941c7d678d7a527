package dev.maillab.mailserver.pop3;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.PasswdFileUserDirectory;
import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.mailserver.maildir.MaildirMailStore;
import dev.maillab.mailserver.maildir.MaildirMaildropStore;
import dev.maillab.mailserver.maildir.MaildirProperties;
import dev.maillab.mailserver.maildir.MaildropStore;
import dev.maillab.testkit.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The POP3 server as the application builds it ({@link Pop3Server}) on an ephemeral loopback port, over a copy of
 * the sample users file and a temporary mail root: reading the Maildirs there, or another {@link MaildropStore}.
 */
final class Pop3TestServer implements AutoCloseable {

    final Path mailRoot;
    final PasswdFileUserDirectory users;
    /** Delivers into the Maildirs, as the SMTP side does. */
    final MaildirMailStore store = new MaildirMailStore(TestProperties.defaults(MaildirProperties.class));

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Pop3Properties properties;
    final Pop3Server server;

    /** The defaults, over Maildirs, without STLS. */
    Pop3TestServer(Path dir) throws IOException {
        this(dir, Map.of());
    }

    /** @param settings {@code maillab.pop3.*} settings that differ from the defaults, without the prefix */
    Pop3TestServer(Path dir, Map<String, ?> settings) throws IOException {
        this(dir, settings, null);
    }

    /** @param tls the STLS context, null for none */
    Pop3TestServer(Path dir, Map<String, ?> settings, SSLContext tls) throws IOException {
        this(dir, settings, tls, new MaildirMaildropStore());
    }

    Pop3TestServer(Path dir, Map<String, ?> settings, SSLContext tls, MaildropStore maildrops) throws IOException {
        this(dir, settings, tls, maildrops, Pop3Observer.NONE);
    }

    /** Over {@code maildrops}, telling {@code observer} of every session. */
    Pop3TestServer(Path dir, Map<String, ?> settings, SSLContext tls, MaildropStore maildrops, Pop3Observer observer)
            throws IOException {
        // POP3S only for the tests that ask for it (port 0)
        Map<String, Object> pop3 = new HashMap<>(Map.of("port", 0, "pop3s-port", -1));
        pop3.putAll(settings);
        properties = TestProperties.bind(Pop3Properties.class, pop3);
        mailRoot = dir.resolve("mail");
        Path usersFile = dir.resolve("users");
        // the project's sample users (PLAIN, SHA512-CRYPT, SHA256-CRYPT; all "password")
        Files.copy(Path.of("../config/users"), usersFile);
        users = new PasswdFileUserDirectory(
                TestProperties.bind(UsersProperties.class, Map.of("file", usersFile, "mail-root", mailRoot)));
        server = new Pop3Server(properties, users, maildrops, registry, tls, observer);
        server.start();
    }

    int port() {
        return server.port();
    }

    int pop3sPort() {
        return server.pop3sPort();
    }

    MailUser user(String name) {
        return users.find(name).orElseThrow();
    }

    /** Delivers as the SMTP side does and returns the UIDL. */
    String deliver(String user, String message) throws IOException {
        return store.deliver(
                user(user),
                "Return-Path: <app@example.local>\r\n".getBytes(StandardCharsets.US_ASCII),
                message.getBytes(StandardCharsets.ISO_8859_1));
    }

    Path maildir(String user) {
        return user(user).maildir();
    }

    List<Path> files(String user, String sub) throws IOException {
        try (var s = Files.list(maildir(user).resolve(sub))) {
            return s.sorted().toList();
        }
    }

    double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Override
    public void close() {
        server.stop();
    }
}
