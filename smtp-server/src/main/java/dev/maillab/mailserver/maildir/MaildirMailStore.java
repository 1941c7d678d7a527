package dev.maillab.mailserver.maildir;

import dev.maillab.mailserver.auth.MailUser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maildir delivery as the format requires: write the whole message into {@code tmp/} with one gathered
 * write, fsync it, rename it into {@code new/}, fsync {@code new/}, and only then return. A crash at any
 * point leaves either a complete message in {@code new/} or nothing there (at worst a stray file in
 * {@code tmp/}, which readers ignore and which is removed after {@link MaildirProperties#tmpMaxAge()}).
 */
public class MaildirMailStore implements MailStore {

    private static final Logger log = LoggerFactory.getLogger(MaildirMailStore.class);

    private final UniqueNames names;
    private final Duration tmpMaxAge;
    /** Maildirs known to have tmp/new/cur, each with the group-commit state of its new/. */
    private final ConcurrentMap<Path, DirectorySync> maildirs = new ConcurrentHashMap<>();

    public MaildirMailStore(MaildirProperties properties) {
        this.names = new UniqueNames(properties.hostname());
        this.tmpMaxAge = properties.tmpMaxAge();
    }

    @Override
    public Stored store(MailUser user, byte[] addedHeaders, byte[] message) throws IOException {
        Path maildir = user.maildir();
        DirectorySync newDir = prepare(maildir);
        long size = (long) addedHeaders.length + message.length;
        String base = names.nextBase();
        String fileName = UniqueNames.withSizes(base, size);
        Path tmp = maildir.resolve("tmp").resolve(fileName);
        try {
            writeDurably(tmp, addedHeaders, message, newDir);
        } catch (NoSuchFileException gone) {
            // someone removed the Maildir since we created it: create it again, once
            maildirs.remove(maildir);
            newDir = prepare(maildir);
            writeDurably(tmp, addedHeaders, message, newDir);
        }
        try {
            synchronized (newDir.namespace) {
                Files.move(tmp, maildir.resolve("new").resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        newDir.renamedAndWait();
        return new Stored(base, fileName);
    }

    /** Directory fsyncs done on this Maildir's new/ so far (group commit makes this lower than deliveries). */
    long directoryFsyncs(MailUser user) {
        DirectorySync sync = maildirs.get(user.maildir());
        return sync == null ? 0 : sync.fsyncCount();
    }

    private static void writeDurably(Path tmp, byte[] header, byte[] body, DirectorySync maildir) throws IOException {
        FileChannel created;
        synchronized (maildir.namespace) {
            created = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        try (FileChannel ch = created) {
            ByteBuffer[] parts = {ByteBuffer.wrap(header), ByteBuffer.wrap(body)};
            long remaining = (long) header.length + body.length;
            while (remaining > 0) {
                remaining -= ch.write(parts);
            }
            ch.force(false);
        } catch (IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                Files.deleteIfExists(tmp);
            }
            throw e;
        }
    }

    private DirectorySync prepare(Path maildir) throws IOException {
        DirectorySync known = maildirs.get(maildir);
        if (known != null) {
            return known;
        }
        Path newDir = maildir.resolve("new");
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Path dir = maildir.resolve(sub);
            try {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(dir + " exists and is not a directory", e);
            }
        }
        // the new directories themselves must survive a crash before the first message is acknowledged
        DirectorySync.force(maildir);
        if (maildir.getParent() != null) {
            DirectorySync.force(maildir.getParent());
        }
        removeStaleTmpFiles(maildir.resolve("tmp"));
        return maildirs.computeIfAbsent(maildir, m -> new DirectorySync(newDir));
    }

    private void removeStaleTmpFiles(Path tmp) {
        Instant cutoff = Instant.now().minus(tmpMaxAge);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(f);
                    log.info("removed stale {} (left by an interrupted delivery)", f);
                }
            }
        } catch (IOException e) {
            log.warn("could not clean {}: {}", tmp, e.toString());
        }
    }
}
