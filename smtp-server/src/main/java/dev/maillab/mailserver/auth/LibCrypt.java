package dev.maillab.mailserver.auth;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * crypt(3) hashes by the system's libcrypt ({@code crypt_r}, through JNA): the code Dovecot's {@code doveadm pw} and
 * its logins use. A SHA512-CRYPT login costs ~1.2 ms of CPU there and ~5 ms in commons-codec on the C1-only JVM
 * (no SHA intrinsics), so this is the fast path; where the library or JNA's native part cannot load (another OS, a
 * read-only temporary directory), {@link #hash} is empty and the caller hashes in Java, with the same result.
 */
final class LibCrypt {

    private static final Logger log = LoggerFactory.getLogger(LibCrypt.class);

    /** {@code sizeof(struct crypt_data)} in libxcrypt (glibc's own was smaller): one buffer per hashing thread. */
    private static final int CRYPT_DATA_SIZE = 32768;

    private static final ThreadLocal<Memory> DATA = ThreadLocal.withInitial(() -> {
        Memory data = new Memory(CRYPT_DATA_SIZE);
        data.clear();
        return data;
    });

    private LibCrypt() {}

    /**
     * The hash of {@code password} with the salt and parameters of {@code setting} (a stored hash), or empty when
     * libcrypt is not there, refuses the setting, or the password holds a NUL (which C would cut it at).
     */
    static Optional<String> hash(byte[] password, String setting) {
        if (!Binding.LOADED || indexOfNul(password) >= 0 || setting.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Pointer result = Binding.crypt_r(
                terminated(password), terminated(setting.getBytes(StandardCharsets.US_ASCII)), DATA.get());
        if (result == null) {
            return Optional.empty();
        }
        String hash = result.getString(0, "US-ASCII");
        // libxcrypt's failure token starts with '*', which no valid hash does
        return hash.startsWith("*") ? Optional.empty() : Optional.of(hash);
    }

    /** Whether the fast path is there (for the log and the tests). */
    static boolean available() {
        return Binding.LOADED;
    }

    private static byte[] terminated(byte[] bytes) {
        byte[] c = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, c, 0, bytes.length);
        return c;
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Loaded on the first hashed login, so start-up and PLAIN-only labs never load JNA. */
    private static final class Binding {

        static final boolean LOADED = load();

        @SuppressWarnings("checkstyle:MethodName")
        static native Pointer crypt_r(byte[] phrase, byte[] setting, Pointer data);

        private static boolean load() {
            for (String name : new String[] {"libcrypt.so.1", "crypt"}) {
                try {
                    Native.register(Binding.class, NativeLibrary.getInstance(name));
                    log.info("passwords: crypt(3) hashes by the system's libcrypt ({})", name);
                    return true;
                } catch (LinkageError | RuntimeException e) {
                    log.debug("passwords: libcrypt as {}: {}", name, e.toString());
                }
            }
            log.info("passwords: no system libcrypt; crypt(3) hashes in Java (commons-codec)");
            return false;
        }
    }
}
