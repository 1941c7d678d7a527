package dev.maillab.systemtest.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.scripts.ServiceTable.Module;
import dev.maillab.systemtest.scripts.ServiceTable.Port;
import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What cannot source config/services.sh says the same as it: each image (its jar, JVM options, ports, health check,
 * entry point), docker-compose.yml (addresses, names, the DNS and SMTP ports the services reach each other on, the
 * checker's command), the zone's A records and the README's table of launcher variables.
 */
class ServiceTableTest {

    private static final String DOMAIN = "example.local";

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
    void theTableHasTheFiveModulesAndAHealthPortPerService() {
        assertThat(table.modules())
                .extracting(Module::name)
                .containsExactly("dns-server", "smtp-server", "app-server", "web-console", "pop3-client");
        for (Module module : table.modules()) {
            assertThat(table.healthPortOf(module.name()).isPresent())
                    .as("%s has a health port", module.name())
                    .isEqualTo(module.isService());
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
        for (Module module : table.modules()) {
            assertThat(context)
                    .as(".dockerignore lets the jar into the build context")
                    .contains("!" + module.jar());
            Dockerfile image = dockerfile(module);
            assertThat(image.all("COPY"))
                    .as(image.path().toString())
                    .contains(module.jar() + " /opt/maillab/app.jar")
                    .contains(module.name() + "/jvm.options /opt/maillab/jvm.options");
            assertThat(image.all("ENTRYPOINT"))
                    .as(image.path().toString())
                    .singleElement()
                    .satisfies(entry -> assertThat(entry)
                            .contains("exec java @/opt/maillab/jvm.options")
                            .endsWith(", \"" + module.name() + "\"]"));
        }
    }

    @Test
    void eachServiceImageBindsTheTablesContainerPortsAndChecksItsHealthPort() throws IOException {
        for (Module module : table.modules()) {
            Dockerfile image = dockerfile(module);
            List<String> exposed = new ArrayList<>();
            for (Port port : table.portsOf(module.name())) {
                assertThat(image.env())
                        .as("%s: ENV of %s (the %s port)", image.path(), port.portProperty(), port.name())
                        .containsEntry(environmentName(port.portProperty()), String.valueOf(port.container()));
                port.protocols().forEach(proto -> exposed.add(port.container() + "/" + proto));
            }
            assertThat(image.exposed()).as("%s: EXPOSE", image.path()).containsExactlyInAnyOrderElementsOf(exposed);
            if (module.isService()) {
                int health = table.healthPortOf(module.name()).orElseThrow().container();
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
    void composeBuildsEachModuleFromItsImageOnTheTablesAddressAndName() throws IOException {
        Map<String, Object> services = map(compose, "services");
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(names());
        String dns = table.module("dns-server").address();
        for (Module module : table.modules()) {
            Map<String, Object> service = map(services, module.name());
            assertThat(map(service, "build")).containsEntry("dockerfile", "docker/" + module.name() + "/Dockerfile");
            assertThat(service)
                    .as(module.name())
                    .containsEntry("hostname", module.host())
                    .containsEntry("dns", dns);
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
                table.module("dns-server").address() + ":" + table.port("dns").container();
        assertThat(map(map(services, "smtp-server"), "environment")).containsEntry("MAILLAB_SMTP_RESOLVER", resolver);
        assertThat(map(map(services, "app-server"), "environment"))
                .containsEntry("MAILLAB_APP_RESOLVER", resolver)
                .containsEntry(
                        "MAILLAB_APP_SMTPPORT",
                        String.valueOf(table.port("smtp").container()));
        assertThat(map(map(services, "web-console"), "environment"))
                .containsEntry("MAILLAB_CONSOLE_DNSURL", url("dns-server", "dns-http"))
                .containsEntry("MAILLAB_CONSOLE_SMTPURL", url("smtp-server", "smtp-http"))
                .containsEntry("MAILLAB_CONSOLE_APPURL", url("app-server", "app"));
        // published on the host's loopback only, where the launcher would put it
        Port console = table.port("console");
        assertThat(String.valueOf(map(services, "web-console").get("ports")))
                .isEqualTo("[127.0.0.1:${" + console.variable() + ":-" + console.launcher() + "}:" + console.container()
                        + "]");
        assertThat(String.valueOf(map(services, "pop3-client").get("command")).replaceAll("\\s+", " "))
                .contains("--host " + table.module("smtp-server").host() + "." + DOMAIN + " --port "
                        + table.port("pop3").container() + " --resolver " + resolver + " ");
    }

    @Test
    void theZoneNamesEveryModuleAtItsAddress() throws IOException {
        String zone = Files.readString(Layout.repo().resolve("zones/db." + DOMAIN));
        for (Module module : table.modules()) {
            assertThat(zone)
                    .as("zones/db.%s: the A record of %s", DOMAIN, module.host())
                    .containsPattern(Pattern.compile("(?m)^" + Pattern.quote(module.host()) + "\\s+IN\\s+A\\s+"
                            + Pattern.quote(module.address()) + "\\s*$"));
        }
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
    private static String url(String module, String port) {
        return "http://" + table.module(module).address() + ":"
                + table.port(port).container();
    }

    private static Dockerfile dockerfile(Module module) throws IOException {
        return Dockerfile.read(
                Layout.repo().resolve("docker").resolve(module.name()).resolve("Dockerfile"));
    }

    /** How Spring Boot binds a property from the environment: dots become underscores, dashes go, upper case. */
    private static String environmentName(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    private List<String> names() {
        return table.modules().stream().map(Module::name).toList();
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
