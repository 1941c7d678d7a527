package dev.maillab.app.submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import javax.net.ssl.SSLSocketFactory;

/**
 * The CA file submission trusts, read when it changes. The lab CA is written by smtp-server on its first start, which
 * may come after app-server's (the launcher starts them together; a fresh compose volume is empty until then): a file
 * that does not exist yet is waited for, each send asking again, while a file that exists must hold a certificate
 * from the start. A file replaced by one that cannot be read keeps the last good certificates.
 */
public final class CaFileTrust {

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(FileTime modified, long size, SSLSocketFactory factory) {}

    private CaFileTrust(Path file) {
        this.file = file;
    }

    /**
     * @param file null: the JVM's default trust store
     * @throws IllegalStateException when the file exists but holds no certificate
     */
    public static CaFileTrust of(Path file) {
        CaFileTrust trust = new CaFileTrust(file);
        if (file == null || Files.exists(file)) {
            trust.factory();
        }
        return trust;
    }

    /** Whom it trusts, for error messages. */
    public String describe() {
        return file == null ? "the JVM's trust store" : "a CA in " + file;
    }

    /** @throws IllegalStateException when there is no usable CA file yet, naming it */
    public SSLSocketFactory factory() {
        Loaded last = loaded;
        if (file == null) {
            if (last == null) {
                last = new Loaded(null, 0, TrustedCa.context(null).getSocketFactory());
                loaded = last;
            }
            return last.factory();
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            if (last != null) {
                return last.factory();
            }
            throw new IllegalStateException("maillab.app.submission.ca-file: " + file
                    + " does not exist (yet: smtp-server writes the lab CA there on its first start)");
        } catch (IOException e) {
            if (last != null) {
                return last.factory();
            }
            throw new IllegalStateException("maillab.app.submission.ca-file: cannot read " + file + ": " + e, e);
        }
        if (last != null && attributes.lastModifiedTime().equals(last.modified()) && attributes.size() == last.size()) {
            return last.factory();
        }
        try {
            Loaded fresh = new Loaded(
                    attributes.lastModifiedTime(),
                    attributes.size(),
                    TrustedCa.context(file).getSocketFactory());
            loaded = fresh;
            return fresh.factory();
        } catch (IllegalStateException unreadable) {
            if (last != null) {
                return last.factory();
            }
            throw unreadable;
        }
    }
}
