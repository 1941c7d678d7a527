package dev.maillab.smtp.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKCS#12 key store behind STARTTLS (and POP3 STLS). When none exists yet, the JDK's own keytool
 * makes a self-signed certificate for the mail host name (plus localhost and 127.0.0.1, for the
 * one-machine lab), so the server runs out of the box without a certificate library.
 */
public final class SelfSignedKeystore {

    private static final Logger log = LoggerFactory.getLogger(SelfSignedKeystore.class);
    static final String ALIAS = "mail";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private SelfSignedKeystore() {
    }

    public static KeyStore loadOrCreate(Path file, String hostname, char[] password)
            throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            create(file, hostname, password);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static void create(Path file, String hostname, char[] password) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // generate beside the target and rename, so two servers starting at once never read half a file
        Path tmp = Files.createTempFile(dir, "keystore", ".p12.tmp");
        Files.delete(tmp);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", "CN=" + hostname,
                "-ext", "SAN=dns:" + hostname + ",dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", tmp.toString(),
                "-storepass", new String(password), "-keypass", new String(password));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the TLS certificate", e);
        } finally {
            process.destroy();
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
        }
        log.info("made a self-signed certificate for {} in {}", hostname, file);
    }
}
