package dev.maillab.dns.namedconf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A named.conf of any content: it parses, or fails with a ConfigFileException that names a file and a line;
 * never another exception. include statements are taken out: they would let the fuzzer read any file.
 */
class NamedConfParserFuzzTest {

    private static final Pattern INCLUDE = Pattern.compile("(?i)include");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("named-conf-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void parsesOrNamesTheLine(byte[] input) throws IOException {
        String text =
                INCLUDE.matcher(new String(input, StandardCharsets.ISO_8859_1)).replaceAll("");
        parseOrNameTheLine(text);
    }

    @Test
    void aNulInAPathIsAConfigFileError() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("findings/named-conf-nul-in-directory")) {
            parseOrNameTheLine(INCLUDE.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                    .replaceAll(""));
        }
    }

    private static void parseOrNameTheLine(String text) throws IOException {
        Path file = Files.writeString(DIR.resolve("named.conf"), text, StandardCharsets.ISO_8859_1);

        NamedConf conf;
        try {
            conf = NamedConfParser.parse(file);
        } catch (ConfigFileException e) {
            assertThat(e.file()).isNotNull();
            assertThat(e.line()).isPositive();
            return;
        }
        assertThat(conf).isNotNull();
    }
}
