package dev.maillab.systemtest.scripts;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service table of config/services.sh as its {@code service_table} function prints it: the one source the
 * scripts read, here for the tests that check what cannot read it (compose, the Dockerfiles, the zones, the README)
 * and for the launcher's tests, which move every port the table names.
 */
public record ServiceTable(List<Module> modules, List<Port> ports) {

    /** A module: a long-running {@code service} or the one-shot {@code command}. */
    public record Module(String name, String kind, String address, String host, String jar) {
        public boolean isService() {
            return kind.equals("service");
        }
    }

    /**
     * A port a service binds: its name in the table (dns, smtp-http, ...), {@code udp+tcp} or {@code tcp}, the Spring
     * properties of its address and port, the launcher's variable and the port in each of the three sets.
     */
    public record Port(
            String service,
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
        List<Module> modules = new ArrayList<>();
        List<Port> ports = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "module" -> modules.add(new Module(f[1], f[2], f[3], f[4], f[5]));
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
        return new ServiceTable(List.copyOf(modules), List.copyOf(ports));
    }

    public Module module(String name) {
        return modules.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no module " + name + " in the service table"));
    }

    public Port port(String name) {
        return ports.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no port " + name + " in the service table"));
    }

    public List<Port> portsOf(String service) {
        return ports.stream().filter(p -> p.service().equals(service)).toList();
    }

    public Optional<Port> healthPortOf(String service) {
        return portsOf(service).stream().filter(Port::health).findFirst();
    }
}
