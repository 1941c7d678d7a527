package dev.maillab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.transport.DnsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service as the launcher runs it (Spring context, DNS on a free port, HTTP on a free port), with a dnsjava
 * resolver and an HTTP client pointed at it.
 */
public final class RunningDnsServer implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningDnsServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param args more {@code --name=value} settings */
    public static RunningDnsServer start(Path namedConf, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--maillab.dns.named-conf=" + namedConf,
                "--maillab.dns.port=0",
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--maillab.dns.udp-sockets=1"));
        all.addAll(List.of(args));
        return new RunningDnsServer(new SpringApplication(DnsServerApplication.class).run(all.toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int dnsPort() {
        return context.getBean(DnsServer.class).port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create(
                "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + pathAndQuery);
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A 200 answer's JSON. */
    public JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode())
                .as(pathAndQuery + ": " + response.body())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    public SimpleResolver resolver(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    public Message ask(boolean tcp, String name, int type) throws IOException {
        return resolver(tcp).send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    @Override
    public void close() {
        context.close();
    }
}
