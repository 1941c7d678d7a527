package dev.maillab.mailserver.relay;

import dev.maillab.dns.EmbeddedDnsServer;
import dev.maillab.dns.fault.FaultRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lab's real dns-server ({@link EmbeddedDnsServer}) over two test zones, as one machine serves the lab:
 * {@code example.local} with its MX {@code mail.example.local} at 127.0.0.1, and {@code example.test} whose MX of
 * preference 10, {@code mail.example.test}, is at 127.0.0.3; its MX of preference 5, {@code down.example.test}, is
 * at 127.0.0.9, where nothing listens (tried first, refused). {@code implicit.example.test} has an A record and no
 * MX (the implicit MX, RFC 5321 5.1); {@code nomail.example.test} has a null MX (RFC 7505). Each domain has the lab's
 * SPF record ({@code v=spf1 mx -all}), a {@code _dmarc} record with {@code p=reject} and the DKIM key of the repository's
 * zone ({@code lab._domainkey}).
 */
final class LabDns implements AutoCloseable {

    static final String EXAMPLE_LOCAL = """
            $TTL 60
            $ORIGIN example.local.
            @     IN SOA ns.example.local. hostmaster.example.local. ( 1 3600 900 604800 60 )
                  IN NS  ns.example.local.
                  IN MX  10 mail.example.local.
                  IN TXT "v=spf1 mx -all"
            _dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:postmaster@example.local"
            ns    IN A   127.0.0.1
            mail  IN A   127.0.0.1
            """;

    static final String EXAMPLE_TEST = """
            $TTL 60
            $ORIGIN example.test.
            @        IN SOA ns.example.test. hostmaster.example.test. ( 1 3600 900 604800 60 )
                     IN NS  ns.example.test.
                     IN MX  10 mail.example.test.
                     IN MX  5 down.example.test.
                     IN TXT "v=spf1 mx -all"
            _dmarc   IN TXT "v=DMARC1; p=reject; rua=mailto:postmaster@example.test"
            ns       IN A   127.0.0.3
            mail     IN A   127.0.0.3
            down     IN A   127.0.0.9
            implicit IN A   127.0.0.3
            nomail   IN MX  0 .
            """;

    private final EmbeddedDnsServer dns;

    LabDns(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("db.example.local"), EXAMPLE_LOCAL + dkimKey("example.local"));
        Files.writeString(dir.resolve("db.example.test"), EXAMPLE_TEST + dkimKey("example.test"));
        Files.writeString(dir.resolve("named.conf"), """
                options { recursion no; };
                zone "example.local" { type master; file "db.example.local"; };
                zone "example.test" { type master; file "db.example.test"; };
                """);
        dns = EmbeddedDnsServer.start(dir.resolve("named.conf"));
    }

    /** Its fault rules, for a test to make a lookup fail on purpose (dns-server's fault package). */
    FaultRules faults() {
        return dns.faults();
    }

    /** The lab zone's {@code lab._domainkey} record, the public key of config/dkim's key pair, as the repository has it. */
    private static String dkimKey(String domain) throws IOException {
        String zone = Files.readString(Path.of("../zones/db." + domain));
        int start = zone.indexOf("\nlab._domainkey") + 1;
        int end = zone.indexOf(')', start) + 1;
        return zone.substring(start, end) + "\n";
    }

    /** {@code 127.0.0.1:port}, for maillab.smtp.resolver. */
    String resolver() {
        return dns.resolverAddress();
    }

    @Override
    public void close() {
        dns.close();
    }
}
