package dev.maillab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.maillab.dns.namedconf.ConfigFileException;
import dev.maillab.dns.transport.DnsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The whole service as the launcher runs it: properties, actuator health and Prometheus metrics, start-up errors. */
class DnsServerApplicationTest {

    @TempDir
    Path dir;

    @Test
    void healthIsUpWithEveryZoneAndQueriesAreCountedByTypeAndRcode() throws Exception {
        TestZones zones = TestZones.copyInto(dir);
        try (ConfigurableApplicationContext context = run(zones.namedConf())) {
            int dnsPort = context.getBean(DnsServer.class).port();
            String httpPort = context.getEnvironment().getProperty("local.server.port");
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort));
            resolver.setTimeout(Duration.ofSeconds(5));
            resolver.send(Message.newQuery(Record.newRecord(Name.fromString("example.local."), Type.MX, DClass.IN)));
            resolver.send(Message.newQuery(Record.newRecord(Name.fromString("no.example.local."), Type.A, DClass.IN)));

            String health = get(httpPort, "/actuator/health");
            String metrics = get(httpPort, "/actuator/prometheus");

            assertThat(health)
                    .startsWith("{")
                    .contains("\"status\":\"UP\"")
                    .contains("\"example.local.\":{")
                    .contains("\"serial\":2026120202")
                    .contains("\"19.172.in-addr.arpa.\"");
            assertThat(metrics)
                    .contains("dns_queries_total{protocol=\"udp\",rcode=\"NOERROR\",type=\"MX\"} 1.0")
                    .contains("dns_queries_total{protocol=\"udp\",rcode=\"NXDOMAIN\",type=\"A\"} 1.0");
        }
    }

    @Test
    void brokenZoneFileStopsStartUpWithFileAndLine() {
        TestZones zones = TestZones.copyInto(dir).replace("db.19.172.in-addr.arpa", "PTR   mail", "PTRX  mail");

        Throwable failure = catchThrowable(() -> run(zones.namedConf()).close());

        while (failure != null && !(failure instanceof ConfigFileException)) {
            failure = failure.getCause();
        }
        assertThat(failure).hasMessage(zones.dir().resolve("db.19.172.in-addr.arpa") + ":14: Invalid type 'PTRX'");
    }

    private static ConfigurableApplicationContext run(Path namedConf) {
        return new SpringApplication(DnsServerApplication.class)
                .run(
                        "--maillab.dns.named-conf=" + namedConf,
                        "--maillab.dns.port=0",
                        "--server.port=0",
                        "--maillab.dns.udp-sockets=1");
    }

    private static String get(String port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
