package dev.maillab.dns.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.TestZones;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Other modules' tests fault the embedded server's answers through {@link EmbeddedDnsServer#faults()}. */
class EmbeddedFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aRuleAddedInATestFaultsTheAnswerUntilItIsRemoved() throws Exception {
        try (EmbeddedDnsServer dns =
                EmbeddedDnsServer.start(TestZones.copyInto(dir).namedConf())) {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
            resolver.setTimeout(Duration.ofSeconds(5));
            Message mx = Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.MX, DClass.IN));

            FaultRule rule = dns.faults().add("example.test", "MX", "servfail", null, null);
            assertThat(resolver.send(mx).getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(dns.faults().remove(rule.id())).isTrue();
            assertThat(resolver.send(mx).getRcode()).isEqualTo(Rcode.NOERROR);
        }
    }
}
