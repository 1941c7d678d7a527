package dev.maillab.mailserver.pop3;

import dev.maillab.mailserver.auth.MailUser;
import dev.maillab.mailserver.auth.PasswdFileUserDirectory;
import dev.maillab.mailserver.auth.UsersProperties;
import dev.maillab.mailserver.maildir.MaildirMailStore;
import dev.maillab.mailserver.maildir.MaildirMaildropStore;
import dev.maillab.mailserver.maildir.MaildirProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/** A POP3 server on an ephemeral loopback port over a temporary users file and mail root. */
final class Pop3TestServer implements AutoCloseable {

    final Path mailRoot;
    final PasswdFileUserDirectory users;
    final MaildirMailStore store = new MaildirMailStore(MaildirProperties.defaults());
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Pop3Server server;

    Pop3TestServer(Path dir, Pop3Properties properties) throws IOException {
        this(dir, properties, null);
    }

    Pop3TestServer(Path dir, Pop3Properties properties, SSLContext tls) throws IOException {
        mailRoot = dir.resolve("mail");
        Path usersFile = dir.resolve("users");
        // the project's sample users (PLAIN, SHA512-CRYPT, SHA256-CRYPT; all "password")
        Files.copy(Path.of("../config/users"), usersFile);
        users = new PasswdFileUserDirectory(new UsersProperties(usersFile, null, mailRoot));
        server = new Pop3Server(properties, users, new MaildirMaildropStore(), registry, tls);
        server.start();
    }

    static Pop3Properties props() {
        return Pop3Properties.defaults("127.0.0.1", 0);
    }

    int port() {
        return server.port();
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
