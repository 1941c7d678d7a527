package dev.maillab.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.mailserver.dns.DnsReverseResolver;
import dev.maillab.mailserver.dns.ReverseLookupProperties;
import dev.maillab.mailserver.dns.TestDnsServer;
import dev.maillab.testkit.SmtpConnection;
import dev.maillab.testkit.TestProperties;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;

/** The Received header names the client as the configured DNS server's PTR says, or "unknown" like Postfix. */
class SmtpReverseNameTest {

    @TempDir
    Path dir;

    private String receivedVia(TestDnsServer dns) throws Exception {
        DnsReverseResolver resolver = new DnsReverseResolver(
                TestProperties.bind(ReverseLookupProperties.class, Map.of("resolver", dns.hostPort()))
                        .dnsServer(),
                Duration.ofMillis(500),
                Duration.ofSeconds(60));
        try (SmtpTestServer server = new SmtpTestServer(dir, Map.of(), resolver);
                SmtpConnection c = server.connect()) {
            c.greeting();
            c.command("EHLO app-server.example.local");
            assertThat(c.sendMail("app@example.local", List.of("test@example.local"), "Subject: r\r\n\r\nx\r\n")
                            .code())
                    .isEqualTo(250);
            return server.messages("test")
                    .get(0)
                    .lines()
                    .filter(l -> l.startsWith("Received:"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void receivedHeaderCarriesThePtrName() throws Exception {
        Name name = Name.fromString("app-server.example.local.");
        try (TestDnsServer dns = new TestDnsServer(
                List.of(
                        new PTRRecord(Name.fromString("1.0.0.127.in-addr.arpa."), DClass.IN, 60, name),
                        new ARecord(name, DClass.IN, 60, InetAddress.getByName("127.0.0.1"))),
                false)) {
            assertThat(receivedVia(dns))
                    .isEqualTo("Received: from app-server.example.local (app-server.example.local [127.0.0.1])");
        }
    }

    @Test
    void clientWithoutPtrIsUnknown() throws Exception {
        try (TestDnsServer dns = new TestDnsServer(List.of(), false)) {
            assertThat(receivedVia(dns)).isEqualTo("Received: from app-server.example.local (unknown [127.0.0.1])");
        }
    }
}
