package dev.maillab.mailserver.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.smtp.SmtpTestServer;
import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.TestProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule's probability against the random source it is given: 0 never answers, 1 always does, and in between the
 * draw decides (a draw below the probability answers).
 */
class FaultProbabilityTest {

    static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dir;

    final AtomicReference<Double> draw = new AtomicReference<>(0.0);
    FaultRules rules;
    SmtpTestServer server;

    @BeforeEach
    void start() throws Exception {
        rules = new FaultRules(TestProperties.defaults(FaultProperties.class), draw::get);
        server = new SmtpTestServer(dir, Map.of(), rules);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int rcpt(SmtpConnection c) throws Exception {
        return c.command("RCPT TO:<test@example.local>").code();
    }

    @Test
    void zeroNeverOneAlwaysAndTheDrawBetween() throws Exception {
        try (SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            c.command("MAIL FROM:<alice@example.local>");
            rules.add(
                    json.readTree("{\"id\":\"p\",\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 maybe\",\"probability\":0}"));
            for (double d : new double[] {0.0, 0.5, 0.999999}) {
                draw.set(d);
                assertThat(rcpt(c)).isEqualTo(250);
            }
            rules.clear();
            rules.add(
                    json.readTree("{\"id\":\"p\",\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 maybe\",\"probability\":1}"));
            for (double d : new double[] {0.0, 0.5, 0.999999}) {
                draw.set(d);
                assertThat(rcpt(c)).isEqualTo(451);
            }
            rules.clear();
            rules.add(json.readTree(
                    "{\"id\":\"p\",\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 maybe\",\"probability\":0.25}"));
            draw.set(0.2);
            assertThat(rcpt(c)).isEqualTo(451);
            draw.set(0.3);
            assertThat(rcpt(c)).isEqualTo(250);
        }
    }

    @Test
    void withTheSystemsRandomZeroNeverAndOneAlways() throws Exception {
        FaultRules real = new FaultRules(TestProperties.defaults(FaultProperties.class));
        try (SmtpTestServer s = new SmtpTestServer(dir.resolve("real"), Map.of(), real);
                SmtpConnection c = s.connect()) {
            c.greeting();
            c.command("EHLO client.example.local");
            c.command("MAIL FROM:<alice@example.local>");
            real.add(
                    json.readTree("{\"id\":\"never\",\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 x\",\"probability\":0}"));
            for (int i = 0; i < 50; i++) {
                assertThat(rcpt(c)).isEqualTo(250);
            }
            real.clear();
            real.add(json.readTree(
                    "{\"id\":\"always\",\"stage\":\"rcpt\",\"reply\":\"451 4.3.0 x\",\"probability\":1}"));
            for (int i = 0; i < 15; i++) { // below maillab.smtp.max-errors (20)
                assertThat(rcpt(c)).isEqualTo(451);
            }
        }
    }
}
