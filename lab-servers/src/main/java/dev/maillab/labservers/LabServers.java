package dev.maillab.labservers;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.mailserver.SmtpServerApplication;
import dev.maillab.mailserver.pop3.Pop3Server;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.mailserver.smtp.SmtpService;
import dev.maillab.testkit.ProjectRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The lab's real dns-server and smtp-server, in this JVM on free loopback ports, as a JUnit 5 extension: the
 * project's zones with the 172.19.0.x addresses rewritten to 127.0.0.1 (so the MX of example.local leads to
 * loopback), the sample users, and a fresh mail root in a temporary directory that is removed when they stop.
 * Besides the sample users (test, alice, bob) there are PLAIN users {@code extra1..extra5} (password "password"),
 * so each test can have a maildrop of its own.
 *
 * <pre>
 * {@literal @}RegisterExtension
 * static final LabServers lab = new LabServers();   // before all tests of the class; .perTest() for each test
 * </pre>
 */
public final class LabServers extends InProcessServers {

    private Path dir;
    private EmbeddedDnsServer dns;
    private ConfigurableApplicationContext smtp;

    /** Fresh servers, a fresh mail root and a fresh CA around each test instead of once for the class. */
    public LabServers perTest() {
        perTestLifecycle();
        return this;
    }

    @Override
    protected void start() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("maillab-lab");
        zonesOnLoopback(dir.resolve("zones"));
        Files.createDirectories(dir.resolve("mail"));
        StringBuilder users = new StringBuilder(Files.readString(ProjectRoot.resolve("config/users")));
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
        dns = EmbeddedDnsServer.start(dir.resolve("zones/named.conf"));
        // command-line arguments: they outrank every application.properties/yml on the test class path
        smtp = new SpringApplicationBuilder(SmtpServerApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=smtp-server",
                        "--maillab.smtp.port=0",
                        "--maillab.pop3.port=0",
                        "--maillab.smtp.submission-port=0",
                        "--maillab.smtp.smtps-port=0",
                        "--maillab.pop3.pop3s-port=0",
                        "--maillab.smtp.resolver=" + dns.resolverAddress(),
                        "--maillab.users.file=" + dir.resolve("users"),
                        "--maillab.users.mail-root=" + dir.resolve("mail"),
                        "--maillab.tls.directory=" + dir.resolve("tls"),
                        "--maillab.pop3.auth-failure-delay=10ms",
                        "--maillab.pop3.auth-failure-delay-max=50ms");
    }

    /**
     * The project's zones into {@code into} as one machine serves them, the A records of 172.19.0.x (the compose
     * network) made 127.0.0.1: config/loopback-zones.sh, the one copy of that rule, which the launcher runs too.
     */
    private static void zonesOnLoopback(Path into) throws IOException, InterruptedException {
        Path script = ProjectRoot.resolve("config/loopback-zones.sh");
        Process p = new ProcessBuilder(
                        script.toString(), ProjectRoot.resolve("zones").toString(), into.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(script + " exited with " + p.exitValue() + ": " + output);
        }
    }

    @Override
    protected void stop() throws IOException {
        try {
            if (smtp != null) {
                smtp.close();
            }
            if (dns != null) {
                dns.close();
            }
        } finally {
            smtp = null;
            dns = null;
            if (dir != null) {
                TemporaryDirectory.delete(dir);
                dir = null;
            }
        }
    }

    /** The lab CA's PEM the smtp-server wrote on its start: what a TLS client trusts. */
    public Path caPem() {
        requireRunning();
        return dir.resolve("tls/ca.pem");
    }

    /** {@code 127.0.0.1:port} of the DNS server, for maillab.*.resolver / --resolver. */
    public String resolver() {
        requireRunning();
        return dns.resolverAddress();
    }

    public int smtpPort() {
        requireRunning();
        return smtp.getBean(SmtpServer.class).port();
    }

    public int pop3Port() {
        requireRunning();
        return smtp.getBean(Pop3Server.class).port();
    }

    /** Submission (STARTTLS, then AUTH, before MAIL). */
    public int submissionPort() {
        requireRunning();
        return smtp.getBean(SmtpServer.class).port(SmtpService.SUBMISSION);
    }

    /** SMTPS (TLS from connect, then AUTH, before MAIL). */
    public int smtpsPort() {
        requireRunning();
        return smtp.getBean(SmtpServer.class).port(SmtpService.SMTPS);
    }

    /** POP3S (TLS from connect). */
    public int pop3sPort() {
        requireRunning();
        return smtp.getBean(Pop3Server.class).pop3sPort();
    }

    /** {@code <mail-root>/<user>/Maildir}. */
    public Path maildir(String user) {
        requireRunning();
        return dir.resolve("mail").resolve(user).resolve("Maildir");
    }
}
