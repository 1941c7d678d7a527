package dev.maillab.systemtest.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.support.Layout;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./maillab up} where one service cannot start: it fails, names the service with the end of its log, and
 * stops what it had started, so no process of that MAILLAB_HOME is left and every port is free again. A private
 * MAILLAB_HOME and free ports, so it runs beside a lab that is up.
 */
class FailedUpIT {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aServiceThatCannotStartTakesDownEverythingThisUpStarted() throws Exception {
        Path home = Layout.workDir("failed-up");
        List<Integer> ports = FreePorts.take(6);
        int dns = ports.get(0);
        int smtp = ports.get(1);
        Map<String, String> env = Map.of(
                "MAILLAB_HOME",
                home.toString(),
                "MAILLAB_DNS_PORT",
                "" + dns,
                "MAILLAB_SMTP_PORT",
                "" + smtp,
                "MAILLAB_POP3_PORT",
                "" + ports.get(2),
                "MAILLAB_APP_PORT",
                "" + ports.get(3),
                "MAILLAB_DNS_HTTP_PORT",
                "" + ports.get(4),
                "MAILLAB_SMTP_HTTP_PORT",
                "" + ports.get(5),
                "MAILLAB_START_TIMEOUT",
                "120");
        Run up;
        try {
            // Bound but not listening: the launcher's port check (a connect) finds it free, smtp-server's bind does
            // not, so smtp-server dies after dns-server is up and app-server has been started.
            try (Socket blocker = new Socket()) {
                blocker.bind(new InetSocketAddress(LOOPBACK, smtp));
                up = launcher(env, "up");
            }

            assertThat(up.exit).as(up.output).isNotZero();
            assertThat(up.output)
                    .contains("smtp-server exited during start-up")
                    .contains("smtp-server failed; the end of " + home.resolve("logs/smtp-server.log"))
                    .contains("Address already in use")
                    .contains("up failed: stopping dns-server")
                    .contains("up failed: stopping app-server")
                    .doesNotContain("maillab: up (data in");
            assertThat(marked(home)).as("processes of %s still running", home).isEmpty();
            for (int port : ports) {
                assertThat(tcpFree(port)).as("tcp port %d free", port).isTrue();
            }
            assertThat(udpFree(dns)).as("udp port %d free", dns).isTrue();
        } finally {
            launcher(env, "down");
        }
    }

    /** Pids whose command line carries the launcher's marker for this home. */
    private static List<String> marked(Path home) throws IOException {
        byte[] marker = ("-Dmaillab.launcher.home=" + home).getBytes(StandardCharsets.UTF_8);
        List<String> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>)
                    procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    byte[] cmdline = Files.readAllBytes(proc.resolve("cmdline"));
                    if (indexOf(cmdline, marker) >= 0) {
                        pids.add(proc.getFileName() + ": "
                                + new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' '));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        return pids;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private record Run(int exit, String output) {}

    private static Run launcher(Map<String, String> env, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        Layout.repo().resolve("maillab").toString(), command)
                .directory(Layout.repo().toFile())
                .redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS"); // the options the class data archives were trained with
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: ./maillab " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
