package dev.maillab.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
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
            try {
                // commons-codec Crypt handles $1$ (MD5), $5$ (SHA-256), $6$ (SHA-512) and DES crypt
                return constantTimeEquals(Crypt.crypt(password.getBytes(StandardCharsets.UTF_8), stored), stored);
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

    private static boolean isBcrypt(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    private static boolean bcrypt(String password, String stored) {
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
