package dev.maillab.mailserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The system's libcrypt gives the hashes the Java code gives, so which one verifies a login never matters. */
class LibCryptTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theLibraryIsThereOnTheLabsDebian() {
        // Debian (the images, the CI machine) ships libcrypt.so.1 as an essential package
        assertThat(LibCrypt.available()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "", "pässwörd ✉", "a much longer pass phrase of more than sixteen octets"})
    void sha512Sha256AndMd5CryptAgreeWithCommonsCodec(String password) {
        List<String> settings = List.of(
                Sha2Crypt.sha512Crypt(utf8("x"), "$6$Salt0123456789"),
                Sha2Crypt.sha512Crypt(utf8("x"), "$6$rounds=6000$shortsalt"),
                Sha2Crypt.sha256Crypt(utf8("x"), "$5$maillabsalt"),
                Sha2Crypt.sha256Crypt(utf8("x"), "$5$rounds=10000$s"),
                Md5Crypt.md5Crypt(utf8("x"), "$1$saltsalt"));
        for (String setting : settings) {
            assertThat(LibCrypt.hash(utf8(password), setting))
                    .as(setting)
                    .contains(Crypt.crypt(utf8(password), setting));
        }
    }

    @Test
    void theSampleUsersHashesVerify() {
        String alice = "$6$maillabsalt$RgYv86pgV4UFhQ3ZSUWUud.s9SYU8x2k15HruBFROPs8Xj0B.p4pzWa/3qznJ00sz8NQVcEDzUpwE2mj"
                + "/v10l1";
        assertThat(LibCrypt.hash(utf8("password"), alice)).contains(alice);
        assertThat(LibCrypt.hash(utf8("Password"), alice)).isPresent().get().isNotEqualTo(alice);
        assertThat(PasswordScheme.CRYPT.verify("password", alice)).isTrue();
        assertThat(PasswordScheme.CRYPT.verify("passwor", alice)).isFalse();
    }

    @Test
    void bcryptAgreesWithSpringSecurity() {
        String stored = BCrypt.hashpw("password", BCrypt.gensalt(5));
        assertThat(LibCrypt.hash(utf8("password"), stored)).contains(stored);
        assertThat(PasswordScheme.BLF_CRYPT.verify("password", stored)).isTrue();
        assertThat(PasswordScheme.BLF_CRYPT.verify("password1", stored)).isFalse();
    }

    @Test
    void aPasswordWithNulOrASettingLibcryptRefusesIsLeftToJava() {
        String setting = Sha2Crypt.sha512Crypt(utf8("x"), "$6$Salt0123456789");
        assertThat(LibCrypt.hash(utf8("pass\0word"), setting)).isEmpty();
        assertThat(LibCrypt.hash(utf8("password"), "$9$nothing$here")).isEmpty();
        assertThat(PasswordScheme.CRYPT.verify("password", "$9$nothing$here")).isFalse();
    }
}
