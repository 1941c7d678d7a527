package dev.maillab.dns.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.dns.namedconf.ConfigFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** The rules file's line format, read from real files: every part, and each mistake named with its line. */
class FaultFileTest {

    @TempDir
    Path dir;

    @Test
    void everyPartInAnyOrderAfterTheName() throws Exception {
        List<FaultRule> rules = read("""
                # comment
                mail.example.local   A   delay=250ms p=0.25 udp   # trailing comment

                *.example.test tcp servfail MX
                * drop
                """);
        assertThat(rules).hasSize(3);
        FaultRule first = rules.get(0);
        assertThat(first.id()).isEqualTo("file-2");
        assertThat(first.name()).isEqualTo("mail.example.local.");
        assertThat(first.type()).isEqualTo(Type.A);
        assertThat(first.action()).isEqualTo(new FaultAction(FaultAction.Kind.DELAY, Duration.ofMillis(250)));
        assertThat(first.probability()).isEqualTo(0.25);
        assertThat(first.transport()).isEqualTo(FaultRule.Transport.UDP);
        assertThat(rules.get(1).text()).isEqualTo("*.example.test. MX servfail tcp");
        assertThat(rules.get(2).text()).isEqualTo("* drop");
        assertThat(rules.get(2).matches("anything.at.all.", Type.TXT, false)).isTrue();
    }

    @Test
    void mistakesAreNamedWithTheirLine() throws Exception {
        assertProblem("a.example.local A\n", 1, "a rule needs an action (servfail, nxdomain, refused, drop, delay=2s)");
        assertProblem(
                "\na.example.local BOGUS servfail\n",
                2,
                "'BOGUS' is neither a type (A, MX, PTR, TXT, ANY ...) nor an action (servfail, nxdomain, refused, drop, delay=<n>ms|s|m)");
        assertProblem("a.example.local A MX servfail\n", 1, "'MX' repeats a part the rule already has");
        assertProblem(
                "a.example.local delay=soon\n",
                1,
                "action 'delay=soon' is not servfail, nxdomain, refused, drop or delay=<n>ms|s|m (e.g. delay=2s)");
        assertProblem("a.example.local servfail p=2\n", 1, "probability 2.0 is not between 0 and 1");
        assertProblem("a.example.local servfail p=x\n", 1, "probability 'x' is not a number between 0 and 1");
        assertProblem(
                "a.example.local delay=31s\n", 1, "delay 31s is longer than maillab.dns.faults.max-delay (30000ms)");
        assertProblem("a.example.local servfail drop\n", 1, "'drop' repeats a part the rule already has");
        assertProblem(
                "a.*.local servfail\n",
                1,
                "name 'a.*.local' is not a domain name, *.suffix or * (a * only as the first label)");
        assertProblem("a servfail\nb servfail\nc servfail\n", 3, "more than 2 rules (maillab.dns.faults.max-rules)");
    }

    @Test
    void theInjectedRandomSourceDecidesRulesWithAProbability() {
        double[] draws = {0.1, 0.9, 0.49, 0.5};
        int[] next = {0};
        FaultRules rules = new FaultRules(10, Duration.ofSeconds(1), () -> draws[next[0]++]);
        rules.add("mail.example.local", "A", "servfail", 0.5, null);

        assertThat(rules.match("mail.example.local.", Type.A, true)).isNotNull();
        assertThat(rules.match("mail.example.local.", Type.A, true)).isNull();
        assertThat(rules.match("mail.example.local.", Type.A, false)).isNotNull();
        assertThat(rules.match("mail.example.local.", Type.A, false)).isNull();
        assertThat(rules.match("other.example.local.", Type.A, false))
                .as("no draw for no match")
                .isNull();
        assertThat(next[0]).isEqualTo(4);
    }

    private void assertProblem(String text, int line, String problem) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "faults", ".rules"), text);
        assertThatThrownBy(() -> FaultFile.read(file, 2, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ConfigFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    private List<FaultRule> read(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("faults.rules"), text);
        return FaultFile.read(file, 10, Duration.ofSeconds(30));
    }
}
