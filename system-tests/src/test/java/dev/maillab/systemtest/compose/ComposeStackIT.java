package dev.maillab.systemtest.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Network;
import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The project's docker-compose.yml, run as the README runs it (`up --build --exit-code-from pop3-client`) from
 * local images only, then kept for a look inside the network, a restart of the mail server and the console on its
 * published port (its Send form, then the journey of that mail). The steps depend
 * on each other, so they run in order on one stack.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

    private static final String SUBNET = "172.19.0.0/16";
    private static final String LOCAL_BASE_IMAGE = "maillab/jre17:bookworm";
    private static final Duration UP_LIMIT = Duration.ofMinutes(15);

    private static ComposeCli compose;
    private static StackContainers containers;
    private static String subject;
    private static ComposeCli.Outcome flow;
    private static Path logDir;
    private static int consolePort;

    @BeforeAll
    static void runTheScriptedFlow() throws Exception {
        String project = "maillabst" + UUID.randomUUID().toString().substring(0, 8);
        subject = "compose system test " + UUID.randomUUID() + " テストメール";
        logDir = Layout.workDir("compose");
        Map<String, String> env = new HashMap<>();
        env.put("BASE_IMAGE", baseImage());
        env.put("MAILLAB_DEMO_SUBJECT", subject);
        env.put("MAILLAB_CHECK_FLAGS", ""); // keep the mail: the restart step below reads it again
        consolePort = freePort();
        env.put("MAILLAB_CONSOLE_PORT", String.valueOf(consolePort));
        compose = new ComposeCli(project, env, logDir);
        containers = new StackContainers(project);
        assertSubnetFree();

        flow = compose.run(UP_LIMIT, "up", "--build", "--exit-code-from", "pop3-client");
        Files.writeString(logDir.resolve("up.log"), flow.output());
    }

    @AfterAll
    static void removeTheStack() throws Exception {
        if (compose != null) {
            ComposeCli.Outcome logs = compose.run(Duration.ofMinutes(2), "logs", "--no-color");
            Files.writeString(logDir.resolve("stack.log"), logs.output());
            compose.run(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        }
    }

    @Test
    @Order(1)
    void theScriptedFlowDeliversTheMailAndPop3ClientExitsZero() {
        assertThat(flow.exitCode()).as("compose up output:\n%s", flow.output()).isZero();
        assertThat(containers.state("pop3-client").getExitCodeLong()).isZero();
        assertThat(flow.output()).contains("RETR");
        // the same mail in both domains' mailboxes: pop3-client checked test@example.local and bob@mail.example.test
        assertThat(flow.output()).contains("USER test", "USER bob");
        assertThat(Pattern.compile("== PASS").matcher(flow.output()).results().count())
                .as("a passed check per mailbox:\n%s", flow.output())
                .isEqualTo(2);
        // DKIM-signed by mail.example.local, SPF/DKIM/DMARC checked at mail.example.test
        assertThat(flow.output())
                .contains("Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=example.local; dkim=pass"
                        + " header.d=example.local header.s=lab; dmarc=pass");
        // bob's copy crossed from mail.example.local to mail.example.test by MX, on port 25 inside the network
        assertThat(flow.output())
                .containsPattern("to=<bob@example\\.test>, relay=mail\\.example\\.test\\[172\\.19\\.0\\.13\\]:25, "
                        + "delay=[0-9.]+, dsn=2\\.0\\.0, status=sent \\(250 ");
        // the demo mail's journey, where the host's browser reaches the console
        assertThat(flow.output())
                .containsPattern("demo mail's journey: http://127\\.0\\.0\\.1:" + consolePort
                        + "/journey\\?messageId=%3C[0-9a-f-]+%40example\\.local%3E");
    }

    @Test
    @Order(2)
    void namesResolveInsideTheNetworkThroughOurDnsServer() throws Exception {
        ComposeCli.Outcome started = compose.run(Duration.ofMinutes(3), "start", "dns-server", "smtp-server");
        assertThat(started.exitCode()).as(started.output()).isZero();
        containers.awaitHealthy("dns-server", Duration.ofMinutes(3));
        containers.awaitHealthy("smtp-server", Duration.ofMinutes(3));
        InNetworkDns dns = new InNetworkDns(containers);

        Message a = dns.query("smtp-server", "172.19.0.2", "mail.example.local.", Type.A);
        assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(InNetworkDns.firstAnswer(a)).isEqualTo("172.19.0.3");

        Message ptr = dns.query("smtp-server", "172.19.0.2", "3.0.19.172.in-addr.arpa.", Type.PTR);
        assertThat(InNetworkDns.firstAnswer(ptr)).isEqualTo("mail.example.local.");

        Message mx = dns.query("smtp-server", "172.19.0.2", "example.local.", Type.MX);
        assertThat(InNetworkDns.firstAnswer(mx)).isEqualTo("10 mail.example.local.");

        // the second domain: its MX leads to its own server
        Message mxTest = dns.query("smtp-server", "172.19.0.2", "example.test.", Type.MX);
        assertThat(InNetworkDns.firstAnswer(mxTest)).isEqualTo("10 mail.example.test.");
        Message aTest = dns.query("smtp-server", "172.19.0.2", "mail.example.test.", Type.A);
        assertThat(InNetworkDns.firstAnswer(aTest)).isEqualTo("172.19.0.13");

        // The `dns: 172.19.0.2` setting: the system resolver of a container reaches our server too.
        StackContainers.Exec getent = containers.exec("dns-server", "getent", "hosts", "mail.example.local");
        assertThat(getent.stdout()).as(getent.stderr()).startsWith("172.19.0.3");
    }

    /** The image's ENV and EXPOSE: submission greets in clear (STARTTLS follows), SMTPS and POP3S take a connection. */
    @Test
    @Order(3)
    void submissionSmtpsAndPop3sListenOnTheirStandardPorts() throws Exception {
        StackContainers.Exec submission = containers.exec(
                "smtp-server",
                "bash",
                "-c",
                "exec 3<>/dev/tcp/172.19.0.3/587 && head -c 4 <&3 && printf 'QUIT\\r\\n' >&3");
        assertThat(submission.stdout()).as(submission.stderr()).isEqualTo("220 ");
        for (int port : new int[] {465, 995}) {
            StackContainers.Exec open = containers.exec(
                    "smtp-server", "bash", "-c", "exec 3<>/dev/tcp/172.19.0.3/" + port + " && echo open");
            assertThat(open.stdout().trim())
                    .as("port %d: %s", port, open.stderr())
                    .isEqualTo("open");
        }
    }

    @Test
    @Order(4)
    void theMailSurvivesARestartOfTheSmtpServerContainer() throws Exception {
        String listing = "shopt -s nullglob; cd /var/mail/test/Maildir && printf '%s\\n' new/* cur/*";
        StackContainers.Exec before = containers.exec("smtp-server", "bash", "-c", listing);

        containers
                .docker()
                .restartContainerCmd(containers.id("smtp-server"))
                .withTimeout(30)
                .exec();
        containers.awaitHealthy("smtp-server", Duration.ofMinutes(3));

        StackContainers.Exec after = containers.exec("smtp-server", "bash", "-c", listing);
        assertThat(after.stdout().trim()).isEqualTo(before.stdout().trim()).isNotEmpty();
        // Read back over POP3 from inside the network; app-server is stopped, so nothing new was sent.
        ComposeCli.Outcome check = compose.run(
                Duration.ofMinutes(3),
                "run",
                "--rm",
                "-T",
                "--no-deps",
                "pop3-client",
                "--host",
                "mail.example.local",
                "--port",
                "110",
                "--resolver",
                "172.19.0.2:53",
                "--user",
                "test",
                "--password",
                "password",
                "--expect-subject",
                subject,
                "--expect-count",
                "1");
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    @Order(5)
    void theConsoleOnItsPublishedPortSendsAMailAndShowsItsJourney() throws Exception {
        ComposeCli.Outcome started =
                compose.run(Duration.ofMinutes(3), "start", "dns-server", "smtp-server", "app-server", "web-console");
        assertThat(started.exitCode()).as(started.output()).isZero();
        for (String service : List.of("dns-server", "smtp-server", "app-server", "web-console")) {
            containers.awaitHealthy(service, Duration.ofMinutes(3));
        }
        String console = "http://127.0.0.1:" + consolePort;
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> home = http.send(
                HttpRequest.newBuilder(URI.create(console + "/"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains("test@example.local");

        String sentSubject = "console in compose " + UUID.randomUUID();
        String form = "to=test%40example.local&subject=" + URLEncoder.encode(sentSubject, StandardCharsets.UTF_8)
                + "&body=" + URLEncoder.encode("through the console's Send form", StandardCharsets.UTF_8);
        HttpResponse<String> sent = http.send(
                HttpRequest.newBuilder(URI.create(console + "/send"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
        String journey = console + sent.headers().firstValue("Location").orElseThrow();
        assertThat(journey).contains("/journey?");

        // the steps arrive as the services record them: read the page until the delivery is there
        String page = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !page.contains("data-kind=\"smtp.delivery\"")) {
            page = http.send(
                            HttpRequest.newBuilder(URI.create(journey))
                                    .header("Accept", "text/html")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Thread.sleep(500);
        }
        assertThat(page)
                .contains("data-kind=\"app.send\"", "data-kind=\"dns.query\"", "data-kind=\"smtp.session\"")
                .contains("data-kind=\"smtp.delivery\"")
                .contains("/var/mail/test/Maildir/new/");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The local air-gapped base image when it is there (docker/build-base-image.sh), else BASE_IMAGE, else compose's default. */
    private static String baseImage() {
        String fromEnv = System.getenv("BASE_IMAGE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            DockerClientFactory.instance()
                    .client()
                    .inspectImageCmd(LOCAL_BASE_IMAGE)
                    .exec();
            return LOCAL_BASE_IMAGE;
        } catch (RuntimeException notThere) {
            return "eclipse-temurin:17-jre";
        }
    }

    private static void assertSubnetFree() {
        for (Network network :
                DockerClientFactory.instance().client().listNetworksCmd().exec()) {
            if (network.getIpam() != null
                    && network.getIpam().getConfig() != null
                    && network.getIpam().getConfig().stream().anyMatch(c -> SUBNET.equals(c.getSubnet()))) {
                throw new IllegalStateException("Docker network " + network.getName() + " already uses " + SUBNET
                        + ": stop that stack first (docker compose down)");
            }
        }
    }
}
