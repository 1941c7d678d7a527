package dev.maillab.labservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.maillab.testkit.Pop3Connection;
import dev.maillab.testkit.SmtpConnection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extensions' lifecycle, seen from outside: sample test classes run through the JUnit launcher, each test
 * noting what it saw, and afterwards the servers are gone and so are their files.
 */
@Timeout(180)
class LabServersTest {

    /** What one sample test saw: the lab's directory and ports. */
    record Seen(Path dir, int smtpPort, int pop3Port) {}

    static final List<Seen> seen = new ArrayList<>();

    /** The sample classes run only through run() below, not on their own (one of them fails by design). */
    static volatile boolean launching;

    static boolean launched() {
        return launching;
    }

    static Seen see(LabServers lab) {
        return new Seen(lab.caPem().getParent().getParent(), lab.smtpPort(), lab.pop3Port());
    }

    @EnabledIf("dev.maillab.labservers.LabServersTest#launched")
    static class OncePerClass {
        @RegisterExtension
        static final LabServers lab = new LabServers();

        @Test
        void deliversOverSmtpAndServesItOverPop3() throws Exception {
            seen.add(see(lab));
            SmtpConnection.deliver(
                    lab.smtpPort(), "a@example.local", "extra1@example.local", "Subject: s\n\n.dot\nbody\n");
            try (Stream<Path> files = Files.list(lab.maildir("extra1").resolve("new"))) {
                assertThat(files).hasSize(1);
            }
            try (Pop3Connection c = new Pop3Connection(lab.pop3Port())) {
                assertThat(c.readLine()).startsWith("+OK");
                assertThat(c.login("extra1", "password")).startsWith("+OK");
                assertThat(c.command("RETR 1")).startsWith("+OK");
                assertThat(new String(c.readBody(), "ISO-8859-1")).contains("Subject: s\r\n\r\n.dot\r\nbody\r\n");
            }
        }

        @Test
        void theSecondTestFindsTheSameServers() {
            seen.add(see(lab));
        }

        @Test
        void submissionSmtpsAndPop3sListenToo() throws Exception {
            try (SmtpConnection c = new SmtpConnection("127.0.0.1", lab.submissionPort())) {
                assertThat(c.greeting().code()).isEqualTo(220);
            }
            for (int port : new int[] {lab.smtpsPort(), lab.pop3sPort()}) {
                assertThat(port).isPositive().isNotIn(lab.smtpPort(), lab.pop3Port(), lab.submissionPort());
            }
        }
    }

    @EnabledIf("dev.maillab.labservers.LabServersTest#launched")
    static class EachTestItsOwn {
        @RegisterExtension
        static final LabServers lab = new LabServers().perTest();

        @Test
        void one() {
            seen.add(see(lab));
        }

        @Test
        void two() {
            seen.add(see(lab));
        }
    }

    @EnabledIf("dev.maillab.labservers.LabServersTest#launched")
    static class InAnInstanceField {
        @RegisterExtension
        final LabServers lab = new LabServers();

        @Test
        void neverRuns() {}
    }

    @EnabledIf("dev.maillab.labservers.LabServersTest#launched")
    static class OnTheProjectZones {
        @RegisterExtension
        static final ProjectZonesDns dns = new ProjectZonesDns();

        @Test
        void answers() {
            assertThat(dns.resolver()).startsWith("127.0.0.1:");
        }
    }

    private static TestExecutionSummary run(Class<?> sample) {
        seen.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launching = true;
        try {
            LauncherFactory.create()
                    .execute(
                            LauncherDiscoveryRequestBuilder.request()
                                    .selectors(selectClass(sample))
                                    .build(),
                            listener);
        } finally {
            launching = false;
        }
        return listener.getSummary();
    }

    private static void assertAllPassed(TestExecutionSummary summary, long tests) {
        assertThat(summary.getFailures())
                .as(() -> summary.getFailures().stream()
                        .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                        .toList()
                        .toString())
                .isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
    }

    private static boolean listening(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    @Test
    void startsOnceForTheClassAndStopsAndRemovesItsFilesAfterIt() throws Exception {
        assertAllPassed(run(OncePerClass.class), 3);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(0).dir()).doesNotExist();
        assertThat(listening(seen.get(0).smtpPort())).isFalse();
        assertThat(listening(seen.get(0).pop3Port())).isFalse();
    }

    @Test
    void perTestGivesEachTestServersAndFilesOfItsOwn() throws Exception {
        assertAllPassed(run(EachTestItsOwn.class), 2);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).dir()).isNotEqualTo(seen.get(1).dir());
        for (Seen s : seen) {
            assertThat(s.dir()).doesNotExist();
            assertThat(listening(s.smtpPort())).isFalse();
        }
    }

    @Test
    void anInstanceFieldWithoutPerTestFailsTheTestWithAClearMessage() {
        TestExecutionSummary summary = run(InAnInstanceField.class);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("make the field static, or call perTest()");
    }

    @Test
    void theProjectZonesDnsRunsTheSameWay() {
        assertAllPassed(run(OnTheProjectZones.class), 1);
    }

    @Test
    void outsideATestTheAccessorsSaySoInsteadOfFailingOnNull() {
        assertThatThrownBy(() -> new LabServers().smtpPort())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }
}
