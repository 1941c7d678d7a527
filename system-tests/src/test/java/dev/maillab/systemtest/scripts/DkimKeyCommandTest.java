package dev.maillab.systemtest.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maillab.systemtest.support.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./maillab dkim-key}: the private key it writes (PKCS#8 PEM, 0600) and the TXT record it prints belong
 * together — the record's strings, joined, are the public half of that key — and it never overwrites a key.
 */
class DkimKeyCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String output) {}

    private Run dkimKey(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = Layout.repo().resolve("maillab").toString();
        command[1] = "dkim-key";
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MAILLAB_DKIM_DIR", dir.toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void theRecordItPrintsIsThePublicHalfOfTheKeyItWrites() throws Exception {
        Run run = dkimKey("example.test", "s2");
        assertThat(run.exit()).as(run.output()).isZero();

        Path pem = dir.resolve("example.test.s2.pem");
        assertThat(Files.getPosixFilePermissions(pem)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));

        Matcher record = Pattern.compile(
                        "(?m)^s2\\._domainkey IN TXT \\( \"v=DKIM1; k=rsa; \"\\s+\"p=([^\"]*)\"\\s+\"([^\"]*)\" \\)$")
                .matcher(run.output());
        assertThat(record.find()).as(run.output()).isTrue();
        assertThat(record.group(1).length() + 2)
                .as("a TXT string holds at most 255 octets")
                .isLessThanOrEqualTo(255);
        RSAPublicKey published = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(record.group(1) + record.group(2))));
        assertThat(published.getModulus()).isEqualTo(key.getModulus());
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);

        Run again = dkimKey("example.test", "s2");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.output()).contains("exists");
        assertThat(Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))
                .isEqualTo(base64);
    }

    @Test
    void aNameThatIsNoDomainIsRefused() throws Exception {
        Run run = dkimKey("../etc");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("usage: ./maillab dkim-key DOMAIN");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
