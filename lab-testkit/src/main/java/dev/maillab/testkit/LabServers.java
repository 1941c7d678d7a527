package dev.maillab.testkit;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.mailserver.SmtpServerApplication;
import dev.maillab.mailserver.pop3.Pop3Server;
import dev.maillab.mailserver.smtp.SmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The lab's real dns-server and smtp-server, in this JVM on free loopback ports: the project's zones with the
 * 172.19.0.x addresses rewritten to 127.0.0.1 (so the MX of example.local leads to loopback), the sample users,
 * and a fresh mail root. Besides the sample users (test, alice, bob) there are PLAIN users {@code extra1..extra5}
 * (password "password"), so each test can have a maildrop of its own.
 */
public final class LabServers implements AutoCloseable {

    private final Path dir;
    private final EmbeddedDnsServer dns;
    private final ConfigurableApplicationContext smtp;

    public LabServers() {
        try {
            dir = Files.createTempDirectory("maillab-lab");
            Path zones = Files.createDirectories(dir.resolve("zones"));
            try (Stream<Path> files = Files.list(projectRoot().resolve("zones"))) {
                for (Path f : files.toList()) {
                    Files.writeString(
                            zones.resolve(f.getFileName()),
                            Files.readString(f).replaceAll("172\\.19\\.0\\.\\d+", "127.0.0.1"));
                }
            }
            Files.createDirectories(dir.resolve("mail"));
            StringBuilder users =
                    new StringBuilder(Files.readString(projectRoot().resolve("config/users")));
            for (int i = 1; i <= 5; i++) {
                users.append("extra")
                        .append(i)
                        .append(":{PLAIN}password:")
                        .append(2000 + i)
                        .append(':')
                        .append(2000 + i)
                        .append(":::\n");
            }
            Files.writeString(dir.resolve("users"), users);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dns = EmbeddedDnsServer.start(dir.resolve("zones/named.conf"));
        // command-line arguments: they outrank every application.properties/yml on the test class path
        smtp = new SpringApplicationBuilder(SmtpServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=smtp-server",
                        "--maillab.smtp.port=0",
                        "--maillab.pop3.port=0",
                        "--maillab.smtp.resolver=" + dns.resolverAddress(),
                        "--maillab.users.file=" + dir.resolve("users"),
                        "--maillab.users.mail-root=" + dir.resolve("mail"),
                        "--maillab.tls.directory=" + dir.resolve("tls"),
                        "--maillab.pop3.auth-failure-delay=10ms",
                        "--maillab.pop3.auth-failure-delay-max=50ms");
    }

    /** The lab CA's PEM the smtp-server wrote on its start: what a TLS client trusts. */
    public Path caPem() {
        return dir.resolve("tls/ca.pem");
    }

    /** {@code 127.0.0.1:port} of the DNS server, for maillab.*.resolver / --resolver. */
    public String resolver() {
        return dns.resolverAddress();
    }

    public int smtpPort() {
        return smtp.getBean(SmtpServer.class).port();
    }

    public int pop3Port() {
        return smtp.getBean(Pop3Server.class).port();
    }

    /** {@code <mail-root>/<user>/Maildir}. */
    public Path maildir(String user) {
        return dir.resolve("mail").resolve(user).resolve("Maildir");
    }

    @Override
    public void close() {
        smtp.close();
        dns.close();
    }

    /** The real dns-server serving the project's zones as they are (172.19.0.x), on a free loopback port. */
    public static EmbeddedDnsServer projectZonesDns() {
        return EmbeddedDnsServer.start(projectRoot().resolve("zones/named.conf"));
    }

    /** Tests run in the module directory; the zones and the sample users are one level up. */
    public static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("zones")) ? here : here.getParent();
    }
}
