package dev.maillab.mailserver.relay;

import dev.maillab.mailserver.SmtpServerApplication;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One lab domain's whole smtp-server application, as the launcher runs it: example.local's on 127.0.0.1, example.test's
 * on 127.0.0.3, both on the same port, which is also the relay port, so MX → A → connect leads each to the other. Its
 * users file (the sample one) and mail root live in a directory of its own, which outlives a stop, so a start after
 * it finds the same Maildirs and queue. Short retry settings; the tests' one lab CA.
 */
final class DomainHost implements AutoCloseable {

    final Path dir;
    private final List<String> args;
    private final boolean web;
    private ConfigurableApplicationContext context;

    private DomainHost(Path dir, List<String> args, boolean web) {
        this.dir = dir;
        this.args = args;
        this.web = web;
    }

    /** mail.example.local on 127.0.0.1:port. */
    static DomainHost exampleLocal(Path dir, LabDns dns, int port, String... extra) {
        return create(
                dir,
                dns,
                port,
                "127.0.0.1",
                "mail.example.local",
                "example.local",
                "example.test,implicit.example.test,nomail.example.test",
                extra);
    }

    /** mail.example.test on 127.0.0.3:port, also the domain of the implicit MX. */
    static DomainHost exampleTest(Path dir, LabDns dns, int port, String... extra) {
        return create(
                dir,
                dns,
                port,
                "127.0.0.3",
                "mail.example.test",
                "example.test,implicit.example.test",
                "example.local",
                extra);
    }

    private static DomainHost create(
            Path dir,
            LabDns dns,
            int port,
            String address,
            String hostname,
            String domains,
            String relayDomains,
            String... extra) {
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("users"))) {
                Files.copy(Path.of("../config/users"), dir.resolve("users"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of(
                "--spring.application.name=smtp-server",
                "--maillab.smtp.address=" + address,
                "--maillab.smtp.port=" + port,
                "--maillab.smtp.hostname=" + hostname,
                "--maillab.smtp.domains=" + domains,
                "--maillab.smtp.resolver=" + dns.resolver(),
                "--maillab.pop3.port=0",
                "--maillab.pop3.pop3s-port=0",
                "--maillab.smtp.submission-port=0",
                "--maillab.smtp.smtps-port=0",
                "--maillab.users.file=" + dir.resolve("users"),
                "--maillab.users.mail-root=" + dir.resolve("mail"),
                "--maillab.tls.directory=" + Path.of("target/test-tls").toAbsolutePath(),
                "--maillab.relay.domains=" + relayDomains,
                "--maillab.smtp.sender-auth.dkim-directory="
                        + Path.of("../config/dkim").toAbsolutePath(),
                "--maillab.relay.port=" + port,
                "--maillab.relay.retry-initial=200ms",
                "--maillab.relay.retry-max=1s",
                "--maillab.relay.connect-timeout=2s",
                "--maillab.relay.read-timeout=10s"));
        boolean web = false;
        for (String e : extra) {
            if (e.equals("--web")) {
                web = true;
                args.add("--server.port=0");
                args.add("--server.address=127.0.0.1");
            } else {
                // a repeated argument would be joined to the default ("200ms,1h"): the test's replaces it
                String name = e.substring(0, e.indexOf('=') + 1);
                args.removeIf(a -> a.startsWith(name));
                args.add(e);
            }
        }
        return new DomainHost(dir, List.copyOf(args), web);
    }

    /** A port free on both 127.0.0.1 and 127.0.0.3: each domain's server listens on it, and relays to it. */
    static int freePort() throws IOException {
        for (int tries = 0; ; tries++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = first.getLocalPort();
                try (ServerSocket second = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.3"))) {
                    return port;
                } catch (IOException taken) {
                    if (tries > 20) {
                        throw taken;
                    }
                }
            }
        }
    }

    /** The arguments it starts with (what a separate JVM of it is given). */
    List<String> arguments() {
        return args;
    }

    DomainHost start() {
        context = new SpringApplicationBuilder(SmtpServerApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                // after Spring Boot's logging set-up, before anything the context logs
                .listeners(event -> {
                    if (event instanceof ApplicationPreparedEvent) {
                        CapturedLog.attach();
                    }
                })
                .run(args.toArray(String[]::new));
        return this;
    }

    /** Stops the service; its directory stays. */
    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    boolean running() {
        return context != null;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    QueueManager queue() {
        return bean(QueueManager.class);
    }

    int smtpPort() {
        return bean(SmtpServer.class).port();
    }

    int httpPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    SmtpConnection connect() throws IOException {
        return new SmtpConnection(bean(SmtpServer.class).address(), smtpPort());
    }

    /** One message over SMTP from a trusted (loopback) client, which must get 250: the queue id it names. */
    String send(String from, List<String> to, String message) throws IOException {
        try (SmtpConnection c = connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            SmtpConnection.Reply reply = c.sendMail(from, to, message);
            if (reply.code() != 250) {
                throw new AssertionError("not accepted: " + reply);
            }
            return reply.text().replaceAll(".*queued as ", "");
        }
    }

    Path queueDirectory() {
        return dir.resolve("mail").resolve(".queue");
    }

    /** The messages in the user's new/, oldest first, as text. */
    List<String> messages(String user) {
        Path newDir = dir.resolve("mail").resolve(user).resolve("Maildir").resolve("new");
        if (!Files.isDirectory(newDir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(newDir)) {
            for (Path f : files.sorted().toList()) {
                out.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Polls until the condition holds, at most 30 s (deliveries run on the relay's threads). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, 30, condition);
    }

    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
