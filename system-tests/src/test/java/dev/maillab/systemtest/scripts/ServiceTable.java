package dev.maillab.systemtest.scripts;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service table of config/services.sh as its {@code service_table} function prints it: the one source the
 * scripts read, here for the tests that check what cannot read it (compose, the Dockerfiles, the zones, the README)
 * and for the launcher's tests, which move every port the table names.
 */
public record ServiceTable(List<Service> services, Map<String, Map<String, String>> identities, List<Port> ports) {

    /**
     * A service: a long-running {@code service} or the one-shot {@code command}, running {@code module}; its address
     * and name ({@code host.domain}) in compose's network, the loopback address it binds on one machine.
     */
    public record Service(
            String name,
            String module,
            String kind,
            String address,
            String host,
            String domain,
            String loopback,
            String jar) {
        public boolean isService() {
            return kind.equals("service");
        }
    }

    /**
     * A port a module binds (each of its services on its own address): its name in the table (dns, smtp-http, ...), {@code udp+tcp} or {@code tcp}, the Spring
     * properties of its address and port, the launcher's variable and the port in each of the three sets.
     */
    public record Port(
            String module,
            String name,
            String proto,
            String bindProperty,
            String portProperty,
            String variable,
            int launcher,
            int bench,
            int container,
            boolean health) {

        /** The protocols it is bound with, e.g. [udp, tcp]. */
        public List<String> protocols() {
            return List.of(proto.split("\\+"));
        }
    }

    public static ServiceTable read() throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", ". config/services.sh && service_table")
                .directory(Layout.repo().toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!bash.waitFor(30, TimeUnit.SECONDS) || bash.exitValue() != 0) {
            throw new IllegalStateException("config/services.sh: service_table failed:\n" + out);
        }
        List<Service> services = new ArrayList<>();
        Map<String, Map<String, String>> identities = new LinkedHashMap<>();
        List<Port> ports = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "service" -> services.add(new Service(f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
                case "identity" -> {
                    String[] setting = f[2].split("=", 2);
                    identities.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).put(setting[0], setting[1]);
                }
                case "port" ->
                    ports.add(new Port(
                            f[1],
                            f[2],
                            f[3],
                            f[4],
                            f[5],
                            f[6],
                            Integer.parseInt(f[7]),
                            Integer.parseInt(f[8]),
                            Integer.parseInt(f[9]),
                            f[10].equals("health")));
                default -> throw new IllegalStateException("config/services.sh: unexpected row: " + line);
            }
        }
        return new ServiceTable(List.copyOf(services), Map.copyOf(identities), List.copyOf(ports));
    }

    public Service service(String name) {
        return services.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the service table"));
    }

    /** The five modules, each once, in the table's order. */
    public List<String> modules() {
        return services.stream().map(Service::module).distinct().toList();
    }

    /** The settings that make an smtp-server its domain's mail server (config/services.sh smtp_identity). */
    public Map<String, String> identity(String service) {
        Map<String, String> identity = identities.get(service);
        if (identity == null) {
            throw new IllegalArgumentException("no identity for " + service + " in the service table");
        }
        return identity;
    }

    public Port port(String name) {
        return ports.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no port " + name + " in the service table"));
    }

    /** The ports of the module {@code service} runs. */
    public List<Port> portsOf(Service service) {
        return ports.stream().filter(p -> p.module().equals(service.module())).toList();
    }

    public Optional<Port> healthPortOf(Service service) {
        return portsOf(service).stream().filter(Port::health).findFirst();
    }
}
