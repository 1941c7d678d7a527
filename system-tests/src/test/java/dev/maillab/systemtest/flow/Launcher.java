package dev.maillab.systemtest.flow;

import dev.maillab.systemtest.scripts.ServiceTable;
import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./maillab} as a user runs it, with a MAILLAB_HOME of its own and every port of the service table moved to a
 * free one through the launcher's variables (MAILLAB_DNS_PORT, ...), so it runs beside a lab that is up.
 */
final class Launcher {

    /** Bounds a hung command, it times nothing: the first {@code up} after a build also trains the class data. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    /** What a command printed (stdout and stderr in order) and its exit status. */
    record Run(int exit, String output) {}

    final Path home;
    private final Path outputs;
    private final Map<String, Integer> ports;
    private final List<String> addresses;
    private final Map<String, String> env = new LinkedHashMap<>();
    private int runs;

    private Launcher(Path dir, Map<String, Integer> ports, List<String> addresses, Map<String, String> variables) {
        this.home = dir.resolve("home");
        this.outputs = dir;
        this.ports = ports;
        this.addresses = addresses;
        env.put("MAILLAB_HOME", home.toString());
        env.putAll(variables);
    }

    /** A launcher for a fresh directory under target/ (named after {@code name}), on free ports. */
    static Launcher withFreePorts(String name) throws IOException, InterruptedException {
        ServiceTable table = ServiceTable.read();
        List<String> addresses = table.services().stream()
                .filter(ServiceTable.Service::isService)
                .map(ServiceTable.Service::loopback)
                .distinct()
                .toList();
        List<Integer> free = FreePorts.take(table.ports().size(), addresses);
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < free.size(); i++) {
            ServiceTable.Port port = table.ports().get(i);
            ports.put(port.name(), free.get(i));
            variables.put(port.variable(), String.valueOf(free.get(i)));
        }
        return new Launcher(Layout.workDir(name), ports, addresses, variables);
    }

    /** The port the table calls {@code name} (dns, smtp, submission, smtps, pop3, pop3s, app, dns-http, smtp-http, console). */
    int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no port " + name + " in the service table: " + ports.keySet());
        }
        return port;
    }

    /** Every port this launcher's services bind. */
    List<Integer> ports() {
        return List.copyOf(ports.values());
    }

    /** The loopback addresses its services bind, the lab's own domain's first. */
    List<String> addresses() {
        return addresses;
    }

    /** True when none of its ports is held on any of its addresses (and the DNS port is free for UDP too). */
    boolean portsAllFree() {
        return addresses.stream().allMatch(a -> ports.values().stream().allMatch(p -> FreePorts.tcpFree(a, p)))
                && FreePorts.udpFree(addresses.get(0), port("dns"));
    }

    /** {@code ./maillab ARGS...} from the checkout, to its end. */
    Run run(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(Layout.repo().resolve("maillab").toString()));
        command.addAll(List.of(args));
        Path out = outputs.resolve(String.format("%02d-%s.out", ++runs, args.length > 0 ? args[0] : "help"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Layout.repo().toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // Nothing of this JVM's environment reaches the services as Spring properties (MAILLAB_* binds maillab.*), and
        // JAVA_OPTS stays out: the class data archives are trained with each module's jvm.options alone.
        builder.environment().keySet().removeIf(key -> key.startsWith("MAILLAB_") || key.equals("JAVA_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("./maillab " + String.join(" ", args) + " still running after " + LIMIT
                    + ":\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The processes whose command line carries the launcher's marker for this home: what {@code down} must end. */
    List<String> processes() throws IOException {
        String marker = "-Dmaillab.launcher.home=" + home;
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>)
                    procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    List<String> words =
                            List.of(new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .split("\0"));
                    if (words.contains(marker)) {
                        found.add(proc.getFileName() + ": " + String.join(" ", words));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        return found;
    }
}
