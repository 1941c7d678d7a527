package dev.maillab.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.maillab.dns.namedconf.AddressMatchList;
import dev.maillab.dns.namedconf.ConfigFileException;
import dev.maillab.dns.namedconf.ZoneDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;

/**
 * A zone file of any content, through the project's loader (dnsjava's Master underneath): it loads with the
 * zone's SOA and only in-zone data, or fails with a ConfigFileException naming a file and a line; never another
 * exception. $INCLUDE is taken out: it would let the fuzzer read any file on the machine (or /dev/zero).
 */
class ZoneFileLoaderFuzzTest {

    private static final Name ORIGIN = Name.fromConstantString("example.local.");
    private static final Pattern INCLUDE = Pattern.compile("(?i)\\$include");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("zone-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void loadsOrNamesTheLine(byte[] input) throws IOException {
        String text = INCLUDE.matcher(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1))
                .replaceAll("");
        Path file =
                Files.writeString(DIR.resolve("db.example.local"), text, java.nio.charset.StandardCharsets.ISO_8859_1);
        ZoneDeclaration declaration = new ZoneDeclaration(
                "example.local", file, AddressMatchList.LOOPBACK_ONLY, DIR.resolve("named.conf"), 7);

        LoadedZone zone;
        try {
            zone = ZoneFileLoader.load(declaration);
        } catch (ConfigFileException e) {
            assertThat(e.file()).isNotNull();
            assertThat(e.line()).isPositive();
            return;
        }
        assertThat(zone.zone().getOrigin()).isEqualTo(ORIGIN);
        assertThat(zone.zone().getSOA()).isNotNull();
        zone.zone()
                .iterator()
                .forEachRemaining(
                        set -> assertThat(set.getName().subdomain(ORIGIN)).isTrue());
    }
}
