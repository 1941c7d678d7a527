package dev.maillab.systemtest.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.maillab.systemtest.scripts.ServiceTable.Port;
import dev.maillab.systemtest.scripts.ServiceTable.Service;
import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What cannot source config/services.sh says the same as it: each image (its jar, JVM options, ports, health check,
 * entry point), docker-compose.yml (addresses, names, each mail server's domain, the DNS and SMTP ports the services
 * reach each other on, the checker's command), the zones' A records, their loopback rewrite and the README's table of
 * launcher variables.
 */
class ServiceTableTest {

    private static final String DOMAIN = "example.local";
    private static final String MAIL = "smtp-server";

    private static ServiceTable table;
    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        table = ServiceTable.read();
        try (Reader file = Files.newBufferedReader(Layout.repo().resolve("docker-compose.yml"))) {
            compose = (Map<String, Object>) new Yaml().load(file);
        }
    }

    @Test
    void theTableHasTheFiveModulesOneMailServerPerLabDomainAndAHealthPortPerService() {
        assertThat(table.modules())
                .containsExactly("dns-server", "smtp-server", "app-server", "web-console", "pop3-client");
        assertThat(table.services())
                .filteredOn(s -> s.module().equals(MAIL))
                .extracting(Service::name, Service::domain)
                .containsExactly(tuple("smtp-server", DOMAIN), tuple("smtp-server-test", "example.test"));
        for (Service service : table.services()) {
            assertThat(table.healthPortOf(service).isPresent())
                    .as("%s has a health port", service.name())
                    .isEqualTo(service.isService());
        }
        assertThat(table.services()).extracting(Service::address).doesNotHaveDuplicates();
        // one machine: two services of a module share its port numbers, so each needs an address of its own
        for (String module : table.modules()) {
            assertThat(table.services().stream()
                            .filter(s -> s.module().equals(module))
                            .map(Service::loopback))
                    .as("loopback addresses of %s's services", module)
                    .doesNotHaveDuplicates()
                    .allMatch(a -> a.startsWith("127."));
        }
    }

    @Test
    void eachMailServersIdentityIsItsRowsDomain() {
        List<String> domains =
                table.services().stream().map(Service::domain).distinct().toList();
        for (Service mail : mailServers()) {
            Map<String, String> identity = table.identity(mail.name());
            assertThat(identity)
                    .as(mail.name())
                    .containsEntry("maillab.smtp.hostname", mail.host() + "." + mail.domain())
                    .containsEntry("maillab.smtp.domains", mail.domain())
                    .containsEntry(
                            "maillab.relay.domains",
                            String.join(
                                    ",",
                                    domains.stream()
                                            .filter(d -> !d.equals(mail.domain()))
                                            .toList()));
            assertThat(List.of(identity.get("maillab.tls.subject-alt-names").split(",")))
                    .contains(mail.host() + "." + mail.domain(), mail.address(), mail.loopback());
        }
    }

    @Test
    void theLauncherAndTheBenchCanRunAtOnceEachOnPortsOfItsOwn() {
        List<Integer> launcher = table.ports().stream().map(Port::launcher).toList();
        List<Integer> bench = table.ports().stream().map(Port::bench).toList();
        assertThat(launcher).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bench);
        assertThat(bench).doesNotHaveDuplicates();
        assertThat(table.ports()).extracting(Port::variable).doesNotHaveDuplicates();
    }

    @Test
    void eachImageRunsItsModulesJarWithItsJvmOptionsUnderItsName() throws IOException {
        List<String> context = Files.readAllLines(Layout.repo().resolve(".dockerignore"));
        for (Service module : firstOfEachModule()) {
            assertThat(context)
                    .as(".dockerignore lets the jar into the build context")
                    .contains("!" + module.jar());
            Dockerfile image = dockerfile(module);
            assertThat(image.all("COPY"))
                    .as(image.path().toString())
                    .contains(module.jar() + " /opt/maillab/app.jar")
                    .contains(module.module() + "/jvm.options /opt/maillab/jvm.options");
            assertThat(image.all("ENTRYPOINT"))
                    .as(image.path().toString())
                    .singleElement()
                    .satisfies(entry -> assertThat(entry)
                            .contains("exec java @/opt/maillab/jvm.options")
                            .endsWith(", \"" + module.module() + "\"]"));
        }
    }

    @Test
    void eachServiceImageBindsTheTablesContainerPortsAndChecksItsHealthPort() throws IOException {
        for (Service module : firstOfEachModule()) {
            Dockerfile image = dockerfile(module);
            List<String> exposed = new ArrayList<>();
            for (Port port : table.portsOf(module)) {
                assertThat(image.env())
                        .as("%s: ENV of %s (the %s port)", image.path(), port.portProperty(), port.name())
                        .containsEntry(environmentName(port.portProperty()), String.valueOf(port.container()));
                port.protocols().forEach(proto -> exposed.add(port.container() + "/" + proto));
            }
            assertThat(image.exposed()).as("%s: EXPOSE", image.path()).containsExactlyInAnyOrderElementsOf(exposed);
            if (module.isService()) {
                int health = table.healthPortOf(module).orElseThrow().container();
                assertThat(image.all("HEALTHCHECK"))
                        .as("%s: HEALTHCHECK", image.path())
                        .singleElement()
                        .asString()
                        .contains("/dev/tcp/127.0.0.1/" + health + " ")
                        .contains("/actuator/health");
            } else {
                assertThat(image.all("HEALTHCHECK"))
                        .as("%s: a command has no health check", image.path())
                        .isEmpty();
            }
        }
    }

    @Test
    void composeBuildsEachServiceFromItsModulesImageOnTheTablesAddressAndName() throws IOException {
        Map<String, Object> services = map(compose, "services");
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(names());
        String dns = table.service("dns-server").address();
        for (Service module : table.services()) {
            Map<String, Object> service = map(services, module.name());
            assertThat(map(service, "build")).containsEntry("dockerfile", "docker/" + module.module() + "/Dockerfile");
            assertThat(service)
                    .as(module.name())
                    .containsEntry("image", "maillab/" + module.module() + ":${MAILLAB_TAG:-latest}");
            assertThat(service)
                    .as(module.name())
                    .containsEntry("hostname", module.host())
                    .containsEntry("dns", dns);
            if (service.containsKey("domainname") || !module.domain().equals(DOMAIN)) {
                assertThat(service).as(module.name()).containsEntry("domainname", module.domain());
            }
            assertThat(map(map(service, "networks"), "mail")).containsEntry("ipv4_address", module.address());
            assertThat(inSubnet(module.address(), subnet()))
                    .as("%s in %s", module.address(), subnet())
                    .isTrue();
        }
    }

    @Test
    void composePointsTheServicesAtEachOtherOnTheTablesContainerPorts() {
        Map<String, Object> services = map(compose, "services");
        String resolver =
                table.service("dns-server").address() + ":" + table.port("dns").container();
        for (Service mail : mailServers()) {
            Map<String, Object> environment = map(map(services, mail.name()), "environment");
            assertThat(environment).as(mail.name()).containsEntry("MAILLAB_SMTP_RESOLVER", resolver);
            table.identity(mail.name())
                    .forEach((property, value) -> assertThat(environment)
                            .as("%s: its identity (config/services.sh smtp_identity)", mail.name())
                            .containsEntry(environmentName(property), value));
        }
        assertThat(map(map(services, "app-server"), "environment"))
                .containsEntry("MAILLAB_APP_RESOLVER", resolver)
                .containsEntry(
                        "MAILLAB_APP_SMTPPORT",
                        String.valueOf(table.port("smtp").container()));
        assertThat(map(map(services, "web-console"), "environment"))
                .containsEntry("MAILLAB_CONSOLE_DNSURL", url("dns-server", "dns-http"))
                .containsEntry("MAILLAB_CONSOLE_SMTPURL", url("smtp-server", "smtp-http"))
                .containsEntry("MAILLAB_CONSOLE_APPURL", url("app-server", "app"))
                .containsEntry(
                        "MAILLAB_CONSOLE_SMTPURLS",
                        String.join(
                                ",",
                                mailServers().stream()
                                        .filter(m -> !m.domain().equals(DOMAIN))
                                        .map(m -> url(m.name(), "smtp-http"))
                                        .toList()));
        // published on the host's loopback only, where the launcher would put it
        Port console = table.port("console");
        assertThat(String.valueOf(map(services, "web-console").get("ports")))
                .isEqualTo("[127.0.0.1:${" + console.variable() + ":-" + console.launcher() + "}:" + console.container()
                        + "]");
        assertThat(String.valueOf(map(services, "pop3-client").get("command")).replaceAll("\\s+", " "))
                .contains("--host " + table.service("smtp-server").host() + "." + DOMAIN + " --port "
                        + table.port("pop3").container() + " --resolver " + resolver + " ");
    }

    @Test
    void eachMailServerKeepsItsOwnMailAndSharesTheLabCa() {
        Map<String, Object> services = map(compose, "services");
        List<String> mailVolumes = new ArrayList<>();
        for (Service mail : mailServers()) {
            List<String> volumes = ((List<?>) map(services, mail.name()).get("volumes"))
                    .stream().map(String::valueOf).toList();
            assertThat(volumes).as(mail.name()).contains("tls:/var/mail/.tls");
            volumes.stream().filter(v -> v.endsWith(":/var/mail")).forEach(mailVolumes::add);
        }
        assertThat(mailVolumes).hasSameSizeAs(mailServers()).doesNotHaveDuplicates();
    }

    @Test
    void theZonesNameEveryServiceAtItsAddress() throws IOException {
        for (Service service : table.services()) {
            String zone = Files.readString(Layout.repo().resolve("zones/db." + service.domain()));
            assertThat(zone)
                    .as("zones/db.%s: the A record of %s", service.domain(), service.host())
                    .containsPattern(aRecord(service.host(), service.address()));
        }
    }

    @Test
    void onOneMachineEachServicesNameLeadsToItsLoopbackAddress(@TempDir Path dir) throws Exception {
        Process rewrite = new ProcessBuilder("config/loopback-zones.sh", "zones", dir.toString())
                .directory(Layout.repo().toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(rewrite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rewrite.waitFor()).as(out).isZero();
        for (Service service : table.services()) {
            assertThat(Files.readString(dir.resolve("db." + service.domain())))
                    .as("config/loopback-zones.sh: %s.%s", service.host(), service.domain())
                    .containsPattern(aRecord(service.host(), service.loopback()));
        }
    }

    private static Pattern aRecord(String host, String address) {
        return Pattern.compile("(?m)^" + Pattern.quote(host) + "\\s+IN\\s+A\\s+" + Pattern.quote(address) + "\\s*$");
    }

    private static List<Service> mailServers() {
        return table.services().stream().filter(s -> s.module().equals(MAIL)).toList();
    }

    /** One service per module: what its image is checked by. */
    private static List<Service> firstOfEachModule() {
        return table.modules().stream()
                .map(m -> table.services().stream()
                        .filter(s -> s.module().equals(m))
                        .findFirst()
                        .orElseThrow())
                .toList();
    }

    @Test
    void theReadmeListsEveryLauncherVariableWithItsDefault() throws IOException {
        String readme = Files.readString(Layout.repo().resolve("README.md"));
        for (Port port : table.ports()) {
            assertThat(readme)
                    .as("README.md's launcher table")
                    .contains("| `" + port.variable() + "` | `" + port.launcher() + "` |");
        }
    }

    /** A service's HTTP port inside the network, as the console reaches it. */
    private static String url(String service, String port) {
        return "http://" + table.service(service).address() + ":"
                + table.port(port).container();
    }

    private static Dockerfile dockerfile(Service service) throws IOException {
        return Dockerfile.read(
                Layout.repo().resolve("docker").resolve(service.module()).resolve("Dockerfile"));
    }

    /** How Spring Boot binds a property from the environment: dots become underscores, dashes go, upper case. */
    private static String environmentName(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    private List<String> names() {
        return table.services().stream().map(Service::name).toList();
    }

    private static String subnet() {
        List<?> config =
                (List<?>) map(map(map(compose, "networks"), "mail"), "ipam").get("config");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) config.get(0);
        return (String) first.get("subnet");
    }

    private static boolean inSubnet(String address, String cidr) throws IOException {
        byte[] a = InetAddress.getByName(address).getAddress();
        byte[] net = InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress();
        int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (net[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertThat(child).as("docker-compose.yml: %s", key).isInstanceOf(Map.class);
        return (Map<String, Object>) child;
    }
}
