package dev.maillab.mailserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.Crypt;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The password schemes of a Dovecot passwd-file that this server verifies: what {@code doveadm pw}
 * writes for PLAIN, SHA512-CRYPT, SHA256-CRYPT, MD5-CRYPT, BLF-CRYPT and CRYPT. A value without a
 * {SCHEME} prefix is CRYPT, Dovecot's default for passwd-files; CRYPT dispatches on the hash prefix.
 */
enum PasswordScheme {
    PLAIN {
        @Override
        boolean verify(String password, String stored) {
            return constantTimeEquals(password, stored);
        }
    },
    CRYPT {
        @Override
        boolean verify(String password, String stored) {
            if (isBcrypt(stored)) {
                return bcrypt(password, stored);
            }
            byte[] phrase = password.getBytes(StandardCharsets.UTF_8);
            Optional<String> fast = LibCrypt.hash(phrase, stored);
            if (fast.isPresent()) {
                return constantTimeEquals(fast.get(), stored);
            }
            try {
                // commons-codec Crypt handles $1$ (MD5), $5$ (SHA-256), $6$ (SHA-512) and DES crypt
                return constantTimeEquals(Crypt.crypt(phrase, stored), stored);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
    },
    BLF_CRYPT {
        @Override
        boolean verify(String password, String stored) {
            return isBcrypt(stored) && bcrypt(password, stored);
        }
    };

    abstract boolean verify(String password, String stored);

    /** The scheme for a {SCHEME} name, or null when this server does not know it. */
    static PasswordScheme forName(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAIN", "CLEARTEXT", "CLEAR", "PLAINTEXT" -> PLAIN;
            case "CRYPT", "DES-CRYPT", "MD5-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT" -> CRYPT;
            case "BLF-CRYPT" -> BLF_CRYPT;
            default -> null;
        };
    }

    private static final String B64 = "[./0-9A-Za-z]";
    private static final Pattern MD5 = Pattern.compile("\\$1\\$[^$]{0,8}\\$" + B64 + "{22}");
    private static final Pattern SHA256 = Pattern.compile("\\$5\\$(rounds=\\d+\\$)?[^$]{0,16}\\$" + B64 + "{43}");
    private static final Pattern SHA512 = Pattern.compile("\\$6\\$(rounds=\\d+\\$)?[^$]{0,16}\\$" + B64 + "{86}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$" + B64 + "{53}");
    private static final Pattern DES = Pattern.compile(B64 + "{13}");

    /**
     * Whether the stored value has the shape its {SCHEME} name promises, so a hash cut short by a half-written
     * file is refused when the file is read instead of failing every login.
     */
    static boolean wellFormed(String name, String stored) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAIN", "CLEARTEXT", "CLEAR", "PLAINTEXT" -> !stored.isEmpty();
            case "MD5-CRYPT" -> MD5.matcher(stored).matches();
            case "SHA256-CRYPT" -> SHA256.matcher(stored).matches();
            case "SHA512-CRYPT" -> SHA512.matcher(stored).matches();
            case "BLF-CRYPT" -> BCRYPT.matcher(stored).matches();
            case "DES-CRYPT" -> DES.matcher(stored).matches();
            case "CRYPT" ->
                Stream.of(MD5, SHA256, SHA512, BCRYPT, DES)
                        .anyMatch(p -> p.matcher(stored).matches());
            default -> false;
        };
    }

    private static boolean isBcrypt(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    private static boolean bcrypt(String password, String stored) {
        Optional<String> fast = LibCrypt.hash(password.getBytes(StandardCharsets.UTF_8), stored);
        if (fast.isPresent()) {
            return constantTimeEquals(fast.get(), stored);
        }
        try {
            return BCrypt.checkpw(password, stored);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
