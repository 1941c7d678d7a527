package dev.maillab.mailserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.apache.commons.codec.digest.DigestUtils;

/** One accepted line of the passwd-file: the user and how to check its password. */
record PasswdEntry(MailUser user, PasswordScheme scheme, String hash) {

    boolean verify(String password) {
        return scheme.verify(password, hash);
    }

    /** APOP needs the password itself, so only a PLAIN entry can be checked. */
    boolean verifyApop(String timestamp, String digest) {
        if (scheme != PasswordScheme.PLAIN) {
            return false;
        }
        byte[] expected = DigestUtils.md5Hex((timestamp + hash).getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
