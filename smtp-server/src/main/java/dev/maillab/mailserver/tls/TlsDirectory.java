package dev.maillab.mailserver.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The directory of the CA and server key stores. While open it holds a file lock, so two servers
 * starting at once on the same directory (the second domain's, or a restart racing a stop) never make
 * two CAs or read half a file. Every file is written beside its target and renamed over it.
 */
final class TlsDirectory implements AutoCloseable {

    static final String KEY_FILE_MODE = "rw-------";
    static final String PUBLIC_FILE_MODE = "rw-r--r--";
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path dir;
    private final FileChannel lockFile;

    private TlsDirectory(Path dir, FileChannel lockFile) {
        this.dir = dir;
        this.lockFile = lockFile;
    }

    static TlsDirectory open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (POSIX) {
                    // ca.pem is meant to be read by everyone's mail clients
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new TlsSetupException("TLS: cannot use the directory " + dir + " (maillab.tls.directory): " + e, e);
        }
        // a file lock keeps other processes out; within this JVM it would throw instead of waiting
        IN_PROCESS.lock();
        try {
            FileChannel channel =
                    FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            return new TlsDirectory(dir, channel);
        } catch (IOException | RuntimeException e) {
            IN_PROCESS.unlock();
            throw new TlsSetupException("TLS: cannot use the directory " + dir + " (maillab.tls.directory): " + e, e);
        }
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    /** The key store, or null when the file does not exist; unreadable files fail with a message naming them. */
    KeyStore readKeyStore(String name, char[] password) throws IOException, GeneralSecurityException {
        Path file = path(name);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (AccessDeniedException denied) {
            throw new TlsSetupException(
                    "TLS: " + file + " cannot be read by this user (permission denied): "
                            + "make it readable, or delete it to have it made again",
                    denied);
        }
        return store;
    }

    void writeKeyStore(String name, KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        write(name, bytes.toByteArray(), KEY_FILE_MODE);
    }

    /**
     * The certificate as PEM (RFC 7468: 64 columns, LF, as OpenSSL writes it), rewritten only when it differs (a
     * deleted or edited ca.pem comes back).
     */
    void writePem(String name, X509Certificate certificate) throws IOException {
        byte[] content;
        try {
            content = ("-----BEGIN CERTIFICATE-----\n"
                            + PEM_BASE64.encodeToString(certificate.getEncoded())
                            + "\n-----END CERTIFICATE-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (CertificateEncodingException e) {
            throw new IOException("TLS: " + name + " cannot be encoded", e);
        }
        Path file = path(name);
        try {
            if (Arrays.equals(Files.readAllBytes(file), content)) {
                if (POSIX) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(PUBLIC_FILE_MODE));
                }
                return;
            }
        } catch (NoSuchFileException | AccessDeniedException notYet) {
            // written below
        }
        write(name, content, PUBLIC_FILE_MODE);
    }

    boolean delete(String name) throws IOException {
        return Files.deleteIfExists(path(name));
    }

    private void write(String name, byte[] content, String mode) throws IOException {
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try {
            if (POSIX) {
                // set explicitly, not through createTempFile's attribute: the umask would narrow that one
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            }
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, path(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        try {
            lockFile.close();
        } catch (IOException ignored) {
            // closing releases the lock; nothing else to do
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
