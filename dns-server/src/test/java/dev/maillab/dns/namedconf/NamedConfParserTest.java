package dev.maillab.dns.namedconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.dns.TestZones;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedConfParserTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRepositoryNamedConfWithZoneFilesNextToItWhenDirectoryIsMissing() {
        TestZones zones = TestZones.copyInto(dir);

        NamedConf conf = NamedConfParser.parse(zones.namedConf());

        assertThat(conf.zones())
                .extracting(ZoneDeclaration::name)
                .containsExactly("example.local.", "example.test.", "19.172.in-addr.arpa.");
        assertThat(conf.zones().get(0).file()).isEqualTo(dir.resolve("db.example.local"));
        assertThat(conf.listenPort()).hasValue(53);
        assertThat(conf.recursion()).isFalse();
        assertThat(conf.forwarders()).isEmpty();
        assertThat(conf.files()).contains(zones.namedConf(), dir.resolve("db.19.172.in-addr.arpa"));
    }

    @Test
    void zoneFilesAreRelativeToDirectoryWhenItExists() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        write("named.conf", """
                options { directory "%s"; };
                zone "example.local" { type primary; file "db.example.local"; };
                """.formatted(data));

        NamedConf conf = NamedConfParser.parse(dir.resolve("named.conf"));

        assertThat(conf.zones().get(0).file()).isEqualTo(data.resolve("db.example.local"));
    }

    @Test
    void absoluteZoneFileThatDoesNotExistFallsBackToNamedConfFolder() throws IOException {
        write("named.conf", "zone \"example.local\" { type master; file \"/etc/bind/db.example.local\"; };");

        NamedConf conf = NamedConfParser.parse(dir.resolve("named.conf"));

        assertThat(conf.zones().get(0).file()).isEqualTo(dir.resolve("db.example.local"));
    }

    @Test
    void unknownStatementsCommentsAndOtherZoneTypesAreSkipped() throws IOException {
        write("named.conf", """
                # hash comment
                logging { channel default_log { file "/var/log/named.log"; severity info; }; };
                /* block
                   comment */ key "rndc-key" { algorithm hmac-sha256; secret "c2VjcmV0"; };
                options {
                    dnssec-validation auto;   // not used
                    listen-on-v6 { any; };
                    recursion yes;
                };
                zone "." { type hint; file "/usr/share/dns/root.hints"; };
                zone "other.test" IN { type secondary; primaries { 192.0.2.1; }; };
                zone "example.local" IN { type primary; file "db.example.local"; notify no; };
                """);

        NamedConf conf = NamedConfParser.parse(dir.resolve("named.conf"));

        assertThat(conf.recursion()).isTrue();
        assertThat(conf.zones()).extracting(ZoneDeclaration::name).containsExactly("example.local.");
    }

    @Test
    void forwardersTakeAnOptionalPortPerEntryOrForAll() throws IOException {
        write("named.conf", """
                options { forwarders port 5300 { 127.0.0.1; 127.0.0.2 port 5301; ::1; }; };
                """);

        NamedConf conf = NamedConfParser.parse(dir.resolve("named.conf"));

        assertThat(conf.forwarders())
                .containsExactly(
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5300),
                        new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 5301),
                        new InetSocketAddress(InetAddress.getByName("::1"), 5300));
    }

    @Test
    void allowTransferComesFromTheZoneElseOptionsElseLoopbackOnly() throws IOException {
        write("named.conf", """
                options { allow-transfer { 10.0.0.0/8; }; };
                zone "a.test" { type primary; file "a"; };
                zone "b.test" { type primary; file "b"; allow-transfer { !10.1.2.3; any; }; };
                """);
        write("other.conf", "zone \"c.test\" { type primary; file \"c\"; };");

        NamedConf conf = NamedConfParser.parse(dir.resolve("named.conf"));
        NamedConf defaults = NamedConfParser.parse(dir.resolve("other.conf"));

        AddressMatchList a = conf.zones().get(0).allowTransfer();
        AddressMatchList b = conf.zones().get(1).allowTransfer();
        AddressMatchList c = defaults.zones().get(0).allowTransfer();
        assertThat(a.allows(ip("10.9.9.9"))).isTrue();
        assertThat(a.allows(ip("127.0.0.1"))).isFalse();
        assertThat(b.allows(ip("10.1.2.3"))).isFalse();
        assertThat(b.allows(ip("192.0.2.7"))).isTrue();
        assertThat(c.allows(ip("127.0.0.1"))).isTrue();
        assertThat(c.allows(ip("::1"))).isTrue();
        assertThat(c.allows(ip("172.19.0.4"))).isFalse();
    }

    @Test
    void includeIsReadRelativeToNamedConf() throws IOException {
        write("named.conf", "include \"named.conf.local\";");
        write("named.conf.local", "zone \"example.local\" { type master; file \"db.example.local\"; };");

        NamedConf conf = NamedConfParser.parse(dir.resolve("named.conf"));

        assertThat(conf.zones()).hasSize(1);
        assertThat(conf.files()).contains(dir.resolve("named.conf.local"));
    }

    @Test
    void missingSemicolonIsReportedWithFileAndLine() throws IOException {
        write("named.conf", """
                options {
                    recursion no
                };
                """);

        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("named.conf")))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(dir.resolve("named.conf") + ":2: missing ';' after 'recursion'");
    }

    @Test
    void unclosedBraceNamesTheLineWhereItOpened() throws IOException {
        write("named.conf", "\n\nzone \"example.local\" {\n  type master;\n  file \"db\";\n");

        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("named.conf")))
                .hasMessage(dir.resolve("named.conf") + ":3: '{' is never closed");
    }

    @Test
    void semanticErrorsNameTheirLine() throws IOException {
        write("a.conf", "zone \"x.test\" {\n type master;\n};\n");
        write("b.conf", "options {\n allow-transfer { 127.0.0.1; bogus-acl; };\n};\n");
        write(
                "c.conf",
                "zone \"x.test\" { type master; file \"a\"; };\nzone \"X.TEST.\" { type master; file \"b\"; };\n");
        write("d.conf", "options { forwarders { dns.example.; }; };\n");
        write("e.conf", "zone \"x.test\" { type master; file \"a\"; }");

        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("a.conf")))
                .hasMessage(dir.resolve("a.conf") + ":1: zone 'x.test.' has no file");
        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("b.conf")))
                .hasMessageStartingWith(dir.resolve("b.conf") + ":2: 'bogus-acl' is not an address");
        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("c.conf")))
                .hasMessage(dir.resolve("c.conf") + ":2: zone 'X.TEST.' is declared twice");
        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("d.conf")))
                .hasMessage(dir.resolve("d.conf") + ":1: 'dns.example.' is not an IP address");
        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("e.conf")))
                .hasMessage(dir.resolve("e.conf") + ":1: missing ';' after 'zone' { ... }");
    }

    @Test
    void unreadableNamedConfIsReported() {
        assertThatThrownBy(() -> NamedConfParser.parse(dir.resolve("nope.conf")))
                .hasMessage(dir.resolve("nope.conf") + ":1: cannot read: no such file");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static InetAddress ip(String literal) throws IOException {
        return InetAddress.getByName(literal);
    }
}
