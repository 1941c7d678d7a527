package dev.maillab.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.pop3.Pop3Server;
import dev.maillab.mailserver.smtp.SmtpServer;
import dev.maillab.mailserver.smtp.SmtpService;
import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application: SMTP and POP3 on one Maildir, health and metrics over HTTP, one TLS context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmtpServerApplicationTest {

    static final Path DIR = AppUnderTest.directory("maillab-app-test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppUnderTest.register(registry, DIR);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    SmtpServer smtp;

    @Autowired
    Pop3Server pop3;

    @Autowired
    @Qualifier("mailTlsContext")
    SSLContext tls;

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private void send(String to, String subject) throws Exception {
        try (SmtpConnection c = new SmtpConnection("127.0.0.1", smtp.port())) {
            c.greeting();
            c.command("EHLO client");
            assertThat(c.sendMail("app@example.local", List.of(to), "Subject: " + subject + "\r\n\r\nbody\r\n")
                            .code())
                    .isEqualTo(250);
            c.command("QUIT");
        }
    }

    @Test
    void healthAndMetricsAreExposed() throws Exception {
        send("alice@example.local", "metrics");
        String health = get("/actuator/health");
        assertThat(health)
                .containsPattern("\"smtp\":\\{\"details\":\\{\"address\":\"127\\.0\\.0\\.1:" + smtp.port()
                        + "\",\"submission\":\"127\\.0\\.0\\.1:" + smtp.port(SmtpService.SUBMISSION)
                        + "\",\"smtps\":\"127\\.0\\.0\\.1:" + smtp.port(SmtpService.SMTPS)
                        + "\"\\},\"status\":\"UP\"\\}")
                .containsPattern("\"pop3\":\\{\"details\":\\{\"address\":\"127\\.0\\.0\\.1:" + pop3.port()
                        + "\",\"pop3s\":\"127\\.0\\.0\\.1:" + pop3.pop3sPort() + "\"\\},\"status\":\"UP\"\\}")
                .startsWith("{\"components\"")
                .endsWith("\"status\":\"UP\"}");
        String prometheus = get("/actuator/prometheus");
        assertThat(prometheus)
                .containsPattern("maillab_smtp_messages_accepted_total(\\{[^}]*\\})? [1-9]")
                .contains("maillab_smtp_received_bytes_total")
                .contains("maillab_smtp_deliveries_total");
        assertThat(tls.getProtocol()).isEqualTo("TLS");
    }

    @Test
    void smtpDeliveriesAndPop3ReadersRunConcurrentlyOnOneMaildir() throws Exception {
        int senders = 4;
        int perSender = 5;
        ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        send("bob@example.local", "concurrent " + sender + "-" + i);
                    }
                    return null;
                }));
            }
            // a POP3 reader polls while deliveries go on; every listing it sees must be readable
            Future<Integer> reader = pool.submit(() -> {
                int sessions = 0;
                while (work.stream().anyMatch(f -> !f.isDone())) {
                    assertThat(readAll("bob")).allSatisfy(m -> assertThat(m).contains("Subject: concurrent "));
                    sessions++;
                }
                return sessions;
            });
            for (Future<?> f : work) {
                f.get();
            }
            assertThat(reader.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        List<String> all = readAll("bob");
        assertThat(all).hasSize(senders * perSender);
        Set<String> subjects = new HashSet<>();
        all.forEach(m -> subjects.add(
                m.lines().filter(l -> l.startsWith("Subject:")).findFirst().orElseThrow()));
        assertThat(subjects).hasSize(senders * perSender);
    }

    private List<String> readAll(String user) throws IOException {
        POP3Client client = new POP3Client();
        client.connect("127.0.0.1", pop3.port());
        try {
            assertThat(client.login(user, "password")).isTrue();
            List<String> messages = new ArrayList<>();
            POP3MessageInfo[] list = client.listMessages();
            for (POP3MessageInfo info : list) {
                try (var reader = client.retrieveMessage(info.number)) {
                    messages.add(new java.io.BufferedReader(reader).lines().reduce("", (a, b) -> a + b + "\n"));
                }
            }
            client.logout();
            return messages;
        } finally {
            client.disconnect();
        }
    }
}
