package dev.maillab.systemtest.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * {@code ./maillab up} where one service cannot start: it fails, names the service with the end of its log, and
 * stops what it had started, so no process of that MAILLAB_HOME is left and every port is free again. A private
 * MAILLAB_HOME and free ports, so it runs beside a lab that is up.
 */
class FailedUpIT {

    @Test
    void aServiceThatCannotStartTakesDownEverythingThisUpStarted() throws Exception {
        Launcher launcher = Launcher.withFreePorts("failed-up");
        int dns = launcher.port("dns");
        int smtp = launcher.port("smtp");
        Launcher.Run up;
        try {
            // Bound but not listening: the launcher's port check (a connect) finds it free, smtp-server's bind does
            // not, so smtp-server dies after dns-server is up and app-server has been started.
            try (Socket blocker = new Socket()) {
                blocker.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), smtp));
                up = launcher.run("up");
            }

            assertThat(up.exit()).as(up.output()).isNotZero();
            assertThat(up.output())
                    .contains("smtp-server exited during start-up")
                    .contains("smtp-server failed; the end of " + launcher.home.resolve("logs/smtp-server.log"))
                    .contains("Address already in use")
                    .contains("up failed: stopping dns-server")
                    .contains("up failed: stopping app-server")
                    .doesNotContain("maillab: up (data in");
            assertThat(launcher.processes())
                    .as("processes of %s still running", launcher.home)
                    .isEmpty();
            assertThat(launcher.portsAllFree())
                    .as("every port of %s free again", launcher.addresses())
                    .isTrue();
        } finally {
            launcher.run("down");
        }
    }
}
