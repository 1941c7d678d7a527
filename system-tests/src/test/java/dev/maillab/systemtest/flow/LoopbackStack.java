package dev.maillab.systemtest.flow;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * dns-server, smtp-server and app-server as separate JVMs on loopback ports chosen free (never the launcher's
 * fixed ones), with the zones rewritten to 127.0.0.1 and the project's sample users: the launcher's set-up.
 */
final class LoopbackStack implements AutoCloseable {

    final Path home;
    final Path mailRoot;
    final int dnsPort;
    final int smtpPort;
    final int pop3Port;
    final int dnsHttpPort;
    final int smtpHttpPort;
    final int appPort;
    ServiceProcess dns;
    ServiceProcess smtp;
    ServiceProcess app;

    private LoopbackStack(Path home, List<Integer> ports) {
        this.home = home;
        this.mailRoot = home.resolve("mail");
        this.dnsPort = ports.get(0);
        this.smtpPort = ports.get(1);
        this.pop3Port = ports.get(2);
        this.dnsHttpPort = ports.get(3);
        this.smtpHttpPort = ports.get(4);
        this.appPort = ports.get(5);
    }

    static LoopbackStack start() throws IOException, InterruptedException {
        LoopbackStack stack = new LoopbackStack(Layout.workDir("full-flow"), FreePorts.take(6));
        try {
            stack.startServices();
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startServices() throws IOException, InterruptedException {
        Path namedConf = LoopbackZones.copy(Layout.repo().resolve("zones"), home.resolve("zones"));
        Path users = Files.copy(Layout.repo().resolve("config/users"), home.resolve("users"));
        Path aliases = Files.copy(Layout.repo().resolve("config/aliases"), home.resolve("aliases"));
        Files.createDirectories(mailRoot);

        dns = ServiceProcess.start(
                "dns-server",
                home,
                List.of(
                        "--server.address=127.0.0.1",
                        "--server.port=" + dnsHttpPort,
                        "--maillab.dns.named-conf=" + namedConf,
                        "--maillab.dns.address=127.0.0.1",
                        "--maillab.dns.port=" + dnsPort));
        dns.awaitHealthy(dnsHttpPort);

        smtp = ServiceProcess.start(
                "smtp-server",
                home,
                List.of(
                        "--server.address=127.0.0.1",
                        "--server.port=" + smtpHttpPort,
                        "--maillab.smtp.address=127.0.0.1",
                        "--maillab.smtp.port=" + smtpPort,
                        "--maillab.pop3.address=127.0.0.1",
                        "--maillab.pop3.port=" + pop3Port,
                        "--maillab.smtp.resolver=" + resolver(),
                        "--maillab.users.file=" + users,
                        "--maillab.users.aliases-file=" + aliases,
                        "--maillab.users.mail-root=" + mailRoot));
        app = ServiceProcess.start(
                "app-server",
                home,
                List.of(
                        "--server.address=127.0.0.1",
                        "--server.port=" + appPort,
                        "--maillab.app.resolver=" + resolver(),
                        "--maillab.app.smtp-port=" + smtpPort));
        smtp.awaitHealthy(smtpHttpPort);
        app.awaitHealthy(appPort);
    }

    String resolver() {
        return "127.0.0.1:" + dnsPort;
    }

    /** pop3-client against this stack, by name through this stack's DNS, as `./maillab check` runs it. */
    ServiceProcess.Outcome check(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(
                List.of("--host", "mail.example.local", "--port", String.valueOf(pop3Port), "--resolver", resolver()));
        all.addAll(List.of(args));
        return ServiceProcess.run("pop3-client", home, all, Duration.ofMinutes(3));
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess service : new ServiceProcess[] {app, smtp, dns}) {
            if (service != null) {
                service.close();
            }
        }
    }
}
