package dev.maillab.mailserver.senderauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The private keys this server signs with: {@code <domain>.<selector>.pem} (PKCS#8 PEM) per local domain. */
final class DkimKeys {

    private final Map<String, PrivateKey> byDomain;

    private DkimKeys(Map<String, PrivateKey> byDomain) {
        this.byDomain = byDomain;
    }

    /** The keys of those domains that have a file; a file that is there but no RSA key fails the start. */
    static DkimKeys load(Path directory, String selector, Collection<String> domains) throws IOException {
        Map<String, PrivateKey> keys = new LinkedHashMap<>();
        for (String domain : domains) {
            Path file = directory.resolve(domain.toLowerCase(Locale.ROOT) + "." + selector + ".pem");
            if (Files.isRegularFile(file)) {
                keys.put(domain.toLowerCase(Locale.ROOT), readPrivateKey(file));
            }
        }
        return new DkimKeys(keys);
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + ": no PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end)
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": no RSA private key: " + e.getMessage(), e);
        }
    }

    Optional<PrivateKey> forDomain(String domain) {
        return Optional.ofNullable(byDomain.get(domain.toLowerCase(Locale.ROOT)));
    }

    Collection<String> domains() {
        return byDomain.keySet();
    }
}
